import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { API_CONFIG, type ApiConfig } from '../config';
import { generatePassword, hashPassword } from './passwords';

/** The launcher (`npm start`) looks for this line to repeat the one-time password in its summary. */
export const FIRST_ADMIN_LINE = 'First admin created:';

/**
 * A fresh installation needs someone to sign in: while the users table is empty, an admin is
 * created from BATON_ADMIN_EMAIL and BATON_ADMIN_PASSWORD, or with a one-time password printed
 * once to the log that must be changed at the first sign-in. The insert is one statement that
 * adds the row only while there is none (and yields to a concurrent insert of the same email),
 * so API replicas starting together create one admin between them.
 */
@Injectable()
export class FirstAdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminSeeder.name);

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ exists }] = await this.db.query<{ exists: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
    if (exists) return;
    const email = this.config.BATON_ADMIN_EMAIL;
    const given = this.config.BATON_ADMIN_PASSWORD;
    const password = given ?? generatePassword();
    const created = await this.db.query<{ id: string }[]>(
      `INSERT INTO users (id, email, name, password_hash, roles, must_change_password)
       SELECT $1, $2, 'Administrator', $3, '{admin}', $4
        WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [randomUUID(), email, await hashPassword(password), given === undefined],
    );
    if (created.length === 0) return;
    await this.audit.record(null, 'user.created', created[0]!.id, { email, roles: ['admin'], firstAdmin: true });
    if (given) this.logger.log(`${FIRST_ADMIN_LINE} ${email} with the password from BATON_ADMIN_PASSWORD`);
    else this.logger.warn(`${FIRST_ADMIN_LINE} ${email} with one-time password ${password} (shown this once; choose your own at the first sign-in)`);
  }
}
