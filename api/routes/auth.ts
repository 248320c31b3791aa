import { z } from 'zod';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { Router } from '../http/route.ts';
import { attemptLimiter, type AttemptLimiter } from '../http/attemptLimiter.ts';

// Sign-in attempts: per client address (someone guessing codes) and per code (one link
// hammered by a script). A person clicking a link twice is far inside both.
export interface LoginLimits {
  readonly perAddress: AttemptLimiter;
  readonly perCode: AttemptLimiter;
}
export const loginLimits = (now?: () => number): LoginLimits => ({
  perAddress: attemptLimiter({ capacity: 10, intervalMs: 60_000 }, now),
  perCode: attemptLimiter({ capacity: 3, intervalMs: 60_000 }, now),
});

const tooManyAttempts = (waitMs: number): DomainError => ({
  kind: 'rate_limited',
  code: 'auth.too_many_attempts',
  message: 'Too many sign-in attempts; wait a moment and open the link again',
  details: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
});

// What POST /api/auth/login answers (the console reads it with this type).
export type LoginAnswer = ReturnType<TokenSigner['sign']> & { readonly user: Principal };

export function authRoutes(routes: Router, users: UserDirectory, signer: TokenSigner, limits: LoginLimits = loginLimits()): void {
  routes.route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Exchange a one-time login code (from a login link) for a bearer token',
    tags: ['auth'],
    access: 'public',
    body: z.strictObject({ code: z.string().min(10).max(200) }),
    responses: { 429: 'Too many attempts from this address or with this code (Retry-After says when to try again)' },
    async handler({ body, request }) {
      const wait = limits.perAddress.attempt(request.ip) ?? limits.perCode.attempt(body.code);
      if (wait !== undefined) return tooManyAttempts(wait);
      const user = await users.redeemLoginCode(body.code);
      if (isDomainError(user)) return user;
      const { id, name, role, tenantId } = user;
      const principal: Principal = { id, name, role, tenantId };
      request.log.info({ userId: id, role }, 'signed in');
      const answer: LoginAnswer = { ...signer.sign(principal, undefined, user.tokenVersion), user: principal };
      return answer;
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/auth/me',
    summary: 'Who the bearer token says the caller is',
    tags: ['auth'],
    access: 'signed-in',
    async handler({ principal }) {
      return principal;
    },
  });
}
