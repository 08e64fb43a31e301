import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@baton/contracts';

/** A person who signs in to the console: an admin, designer, supervisor or agent. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Unique regardless of case. */
  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  /** scrypt, in the self-describing form `scrypt$N$r$p$salt$hash`; null until a password is set. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column('text', { array: true })
  roles!: Role[];

  /** Set when someone else chose the password (a one-time password). */
  @Column('boolean', { name: 'must_change_password', default: false })
  mustChangePassword!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;
}
