// The people who may sign in, and their one-time login links. Kept out of the event log on
// purpose: names and emails are personal data (DESIGN §5), and forgetting a person must
// not mean rewriting history. Events only ever name a user by id (domain/access).
import { z } from 'zod';
import { userIdSchema } from '../../domain/access/events.ts';
import type { DomainError } from '../../domain/shared/errors.ts';
import { idSchema } from '../../domain/streams.ts';
import { userRoleSchema, type UserRole } from '../../domain/shared/roles.ts';
import type { Principal } from './principal.ts';

export const newUserSchema = z
  .strictObject({
    id: userIdSchema,
    name: z.string().trim().min(1).max(200),
    role: userRoleSchema,
    tenantId: idSchema.nullable(),
  })
  .refine((u) => (u.role.startsWith('client-') ? u.tenantId !== null : u.tenantId === null), {
    message: 'Client roles belong to exactly one tenant; agency roles to none',
    path: ['tenantId'],
  });
export type NewUser = z.infer<typeof newUserSchema>;

// `tokenVersion` is signed into every token (the `ver` claim); a token whose version is not
// the user's current one is revoked. Disabling, re-roling and removing raise it.
export type User = Principal & { readonly createdAt: string; readonly disabled: boolean; readonly tokenVersion: number };

export interface UserDirectory {
  // A conflict when the id is taken. A removed user's id may be taken again: the new user's
  // tokenVersion continues past the old one's, so no token of the old one fits the new one.
  add(user: NewUser): Promise<User | DomainError>;
  get(id: string): Promise<User | undefined>; // removed users are not found
  list(): Promise<readonly User[]>;
  // Each of these raises tokenVersion (enabling does not: a disabled user's tokens stay dead).
  setDisabled(id: string, disabled: boolean): Promise<User | DomainError>;
  changeRole(id: string, role: UserRole, tenantId: string | null): Promise<User | DomainError>;
  remove(id: string): Promise<true | DomainError>; // erases the name and every login code
  // A code that signs the user in once, within ttl; only its hash is stored. Issuing one
  // revokes the user's older unused codes.
  issueLoginCode(userId: string, ttlMs: number): Promise<{ code: string; expiresAt: string } | DomainError>;
  redeemLoginCode(code: string): Promise<User | DomainError>; // refused for a disabled user
  // The key tokens are signed with, made once per directory unless configured.
  signingSecret(): Promise<Buffer>;
  close(): Promise<void>;
}

export const userNotFound = (id: string): DomainError => ({ kind: 'not_found', code: 'user.not_found', message: `There is no user ${id}` });
export const invalidLink = (): DomainError => ({ kind: 'unauthenticated', code: 'auth.link_invalid', message: 'This login link is not valid, was already used or has expired; ask for a new one' });
