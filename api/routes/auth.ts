import { z } from 'zod';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { TokenSigner } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { Router } from '../http/route.ts';

// What POST /api/auth/login answers (the console reads it with this type).
export type LoginAnswer = ReturnType<TokenSigner['sign']> & { readonly user: Principal };

export function authRoutes(routes: Router, users: UserDirectory, signer: TokenSigner): void {
  routes.route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Exchange a one-time login code (from a login link) for a bearer token',
    tags: ['auth'],
    access: 'public',
    body: z.strictObject({ code: z.string().min(10).max(200) }),
    async handler({ body, request }) {
      const user = await users.redeemLoginCode(body.code);
      if (isDomainError(user)) return user;
      const { createdAt: _c, ...principal } = user;
      request.log.info({ userId: user.id, role: user.role }, 'signed in');
      const answer: LoginAnswer = { ...signer.sign(principal), user: principal };
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
