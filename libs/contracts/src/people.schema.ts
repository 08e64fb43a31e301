import { z } from 'zod';

/**
 * Who may do what. `admin` may do everything; the others see only their part of the product:
 * designers the flows, knowledge and intent models; supervisors the queues, agents and reports;
 * agents their queues and their own tasks; integrations send inbound messages and events only.
 */
export const ROLES = ['admin', 'designer', 'supervisor', 'agent', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES);

/** Whoever called: a person signed in, an API key, or the root token from the environment. */
export interface PrincipalView {
  kind: 'user' | 'api_key' | 'root';
  id: string;
  name: string;
  roles: Role[];
}

export const PRESENCES = ['available', 'busy', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

const email = z.email('must be an email address').max(254, 'must be at most 254 characters').transform((value) => value.toLowerCase());

/** POST /auth/login */
export const loginSchema = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});
export type Login = z.infer<typeof loginSchema>;

export interface SessionView {
  token: string;
  expiresAt: string;
  user: UserView;
  /** The password was set by someone else (a one-time password): change it before anything else. */
  mustChangePassword: boolean;
}

/** Passwords: long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters');

/** POST /auth/password */
export const changePasswordSchema = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: passwordSchema });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/** POST /users (admin) */
export const createUserSchema = z.strictObject({
  email,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  roles: z.array(roleSchema.exclude(['integration'])).min(1, 'give at least one role').max(4),
  /** Omitted: a one-time password is generated and returned once. */
  password: passwordSchema.optional(),
});
export type CreateUser = z.infer<typeof createUserSchema>;

/** PATCH /users/:id (admin) */
export const updateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(roleSchema.exclude(['integration'])).min(1).max(4).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  /** The user signs in with a one-time password and must choose their own first. */
  mustChangePassword: boolean;
  createdAt: string;
}

/** POST /users answers the new user; when no password was given, the one-time password, shown this once. */
export interface CreatedUserView extends UserView {
  oneTimePassword?: string;
}

/** GET /auth/me: whoever called, and for a signed-in person their account and session. */
export interface MeView extends PrincipalView {
  user: UserView | null;
  mustChangePassword: boolean;
  /** When the session ends; null for API keys and the root token. */
  sessionExpiresAt: string | null;
}

/** POST /api-keys (admin) */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  roles: z.array(roleSchema).min(1, 'give at least one role').max(5),
});
export type CreateApiKey = z.infer<typeof createApiKeySchema>;

export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it; the key itself is shown once. */
  prefix: string;
  roles: Role[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POST /api-keys answers the key itself, this once; only its hash is kept. */
export interface CreatedApiKeyView extends ApiKeyView {
  key: string;
}

/** GET /audit: newest first; pass the answer's `nextBefore` as `before` for the next page. */
export const auditQuerySchema = z.strictObject({
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'must be an action such as auth.login').optional(),
  /** An actor's id (user, API key or "root") or name. */
  actor: z.string().min(1).max(254).optional(),
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  before: z.string().regex(/^\d{1,18}$/, 'must be an entry id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditPage {
  entries: AuditEntryView[];
  /** The `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { kind: PrincipalView['kind'] | 'anonymous'; id: string | null; name: string | null };
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}
