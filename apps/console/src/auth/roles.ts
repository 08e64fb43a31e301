import type { PrincipalView, Role } from '@baton/contracts';

/** Admins may do everything; everyone else needs the role itself. */
export const hasRole = (principal: Pick<PrincipalView, 'roles'>, role: Role): boolean => principal.roles.includes('admin') || principal.roles.includes(role);

