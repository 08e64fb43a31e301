import type { UserView } from '@baton/contracts';
import type { UserEntity } from '@baton/db';

export const userView = (user: UserEntity): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
  disabled: user.disabledAt !== null,
  mustChangePassword: user.mustChangePassword,
  createdAt: user.createdAt.toISOString(),
});
