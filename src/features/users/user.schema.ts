import { z } from 'zod';
import { ROLES } from '../../core/context.ts';

export const Role = z.enum(ROLES);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'username: 3 to 64 characters of a-z, 0-9, dot, dash or underscore');

export const MIN_PASSWORD_LENGTH = 10;
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'password is at most 200 characters');

/** Which roles need which scope. */
export const SCOPE_OF_ROLE = {
  admin: null,
  cluster_officer: 'cluster',
  province_officer: 'province',
  agency_reporter: 'projects',
  committee_member: 'cluster',
  viewer: null,
} as const;

export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role,
  scope: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe('cluster code for cluster officers and committee members; province code for province officers'),
  projects: z.array(z.string().min(1).max(64)).max(1000).optional().describe('project codes an agency reporter reports on'),
  password: Password,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  scope: z.string().trim().max(64).nullable().optional(),
  projects: z.array(z.string().min(1).max(64)).max(1000).optional(),
  password: Password.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const User = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scope: z.string().nullable(),
  projects: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  deleted: z.boolean(),
});
export type User = z.infer<typeof User>;

export const SignInInput = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });

export const Me = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scope: z.string().nullable(),
  csrfToken: z.string().nullable().describe('send it back as the X-CSRF-Token header on writes made with the session cookie'),
  projects: z.array(z.string()).describe('the projects an agency reporter reports on (empty for other roles)'),
});
export type Me = z.infer<typeof Me>;

export const CreateTokenInput = z.object({ name: z.string().trim().min(1).max(100) });
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreatedToken = ApiToken.extend({ token: z.string().describe('shown once; store it now') });
