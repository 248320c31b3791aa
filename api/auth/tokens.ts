// Signed bearer tokens: compact JWS (HS256) over the principal, with an expiry. Written on
// node:crypto rather than a JOSE library because we accept exactly one algorithm and one
// key, verify synchronously on every request and websocket hello, and want no `alg`
// negotiation at all: a token whose header is not exactly ours is refused before its
// signature is even looked at.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DomainError } from '../../domain/shared/errors.ts';
import { isAgencyRole } from '../../domain/shared/roles.ts';
import { principalSchema, type Principal } from './principal.ts';

// The longest a token may live (config TOKEN_TTL_HOURS is capped by it, and so is every
// signing): revocation reaches a token at once, but a stolen one should not outlive a day.
export const MAX_TOKEN_TTL_HOURS = 24;
const MAX_TTL_SECONDS = MAX_TOKEN_TTL_HOURS * 3600;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const ISSUER = 'adledger';

const claimsSchema = z.strictObject({
  iss: z.literal(ISSUER),
  sub: z.string().min(1),
  name: z.string(),
  role: principalSchema.shape.role,
  tenant: z.string().nullable(),
  ver: z.number().int().min(0), // the user's token version when signed (api/auth/sessions.ts)
  iat: z.number().int(),
  exp: z.number().int(),
});

// What a valid signature vouches for; whether the user still holds it is sessions' to say.
export type VerifiedToken = Principal & { readonly tokenVersion: number; readonly exp: number };

export interface TokenSigner {
  // ttlSeconds beyond MAX_TOKEN_TTL_HOURS is cut to it.
  sign(principal: Principal, ttlSeconds?: number, tokenVersion?: number): { token: string; expiresAt: string };
  verify(token: string): Principal | DomainError;
  verifyToken(token: string): VerifiedToken | DomainError;
  expiresAt(token: string): number | undefined; // epoch ms; only for tokens that verify
}

const unauthenticated = (code: string, message: string): DomainError => ({ kind: 'unauthenticated', code, message });

export function tokenSigner(secret: Buffer, options: { now?: () => number; defaultTtlSeconds?: number } = {}): TokenSigner {
  if (secret.length < 32) throw new Error('the token secret must be at least 32 bytes');
  const now = options.now ?? Date.now;
  const mac = (input: string) => createHmac('sha256', secret).update(input).digest();
  // Verified tokens are remembered until they expire: the API checks one on every request.
  const verified = new Map<string, VerifiedToken>();

  const parse = (token: string): VerifiedToken | DomainError => {
    const cached = verified.get(token);
    if (cached) return cached.exp * 1000 > now() ? cached : unauthenticated('auth.token_expired', 'The token has expired; sign in again');
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return unauthenticated('auth.token_invalid', 'The bearer token is not one of ours');
    const given = Buffer.from(parts[2]!, 'base64url');
    const expected = mac(`${parts[0]}.${parts[1]}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return unauthenticated('auth.token_invalid', 'The bearer token signature is not valid');
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      return unauthenticated('auth.token_invalid', 'The bearer token payload is not JSON');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return unauthenticated('auth.token_invalid', 'The bearer token claims are not valid');
    const { sub, name, role, tenant, exp, ver } = claims.data;
    const principal = principalSchema.safeParse({ id: sub, name, role, tenantId: tenant });
    if (!principal.success || (principal.data.tenantId === null) !== isAgencyRole(role)) {
      return unauthenticated('auth.token_invalid', 'The bearer token scope does not fit its role');
    }
    if (exp * 1000 <= now()) return unauthenticated('auth.token_expired', 'The token has expired; sign in again');
    const entry = { ...principal.data, tokenVersion: ver, exp };
    if (verified.size > 10_000) verified.clear();
    verified.set(token, entry);
    return entry;
  };

  return {
    sign(principal, ttlSeconds = options.defaultTtlSeconds ?? 12 * 3600, tokenVersion = 0) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + Math.min(ttlSeconds, MAX_TTL_SECONDS);
      const claims = { iss: ISSUER, sub: principal.id, name: principal.name, role: principal.role, tenant: principal.tenantId, ver: tokenVersion, iat, exp };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const signature = mac(`${HEADER}.${body}`).toString('base64url');
      return { token: `${HEADER}.${body}.${signature}`, expiresAt: new Date(exp * 1000).toISOString() };
    },
    verify(token) {
      const parsed = parse(token);
      if ('kind' in parsed) return parsed;
      const { id, name, role, tenantId } = parsed;
      return { id, name, role, tenantId };
    },
    verifyToken: parse,
    expiresAt(token) {
      const parsed = parse(token);
      return 'kind' in parsed ? undefined : parsed.exp * 1000;
    },
  };
}
