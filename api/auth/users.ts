// The people who may sign in, and their one-time login links. Kept out of the event log on
// purpose: names and emails are personal data (DESIGN §5), and forgetting a person must
// not mean rewriting history. Events only ever name a user by id.
import { z } from 'zod';
import type { DomainError } from '../../domain/shared/errors.ts';
import { idSchema } from '../../domain/streams.ts';
import { userRoleSchema } from '../../domain/shared/roles.ts';
import type { Principal } from './principal.ts';

export const newUserSchema = z
  .strictObject({
    id: z.string().min(2).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'Expected lower-case letters, digits, . _ or -'),
    name: z.string().trim().min(1).max(200),
    role: userRoleSchema,
    tenantId: idSchema.nullable(),
  })
  .refine((u) => (u.role.startsWith('client-') ? u.tenantId !== null : u.tenantId === null), {
    message: 'Client roles belong to exactly one tenant; agency roles to none',
    path: ['tenantId'],
  });
export type NewUser = z.infer<typeof newUserSchema>;
export type User = Principal & { readonly createdAt: string };

export interface UserDirectory {
  add(user: NewUser): Promise<User | DomainError>; // conflict when the id is taken
  get(id: string): Promise<User | undefined>;
  list(): Promise<readonly User[]>;
  // A code that signs the user in once, within ttl; only its hash is stored.
  issueLoginCode(userId: string, ttlMs: number): Promise<{ code: string; expiresAt: string } | DomainError>;
  redeemLoginCode(code: string): Promise<User | DomainError>;
  // The key tokens are signed with, made once per directory unless configured.
  signingSecret(): Promise<Buffer>;
  close(): Promise<void>;
}
