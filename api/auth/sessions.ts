// Whether a signed token still speaks for its user: every request and every open websocket
// asks here. The token's version (`ver`), role and tenant must be the directory's current
// ones, and the user enabled; disabling, re-roling or removing someone raises their version,
// so each token signed before is refused from then on (auth.token_revoked).
//
// The directory's answer is kept for at most `maxAgeMs` (default 500 ms): a busy console
// costs one directory read per user per half second, and a change made by another API
// instance is seen within that. A change made here is seen at once (`forget`).
import type { DomainError } from '../../domain/shared/errors.ts';
import type { Principal } from './principal.ts';
import type { TokenSigner, VerifiedToken } from './tokens.ts';
import type { User, UserDirectory } from './users.ts';

export interface Sessions {
  authenticate(token: string): Promise<Principal | DomainError>;
  forget(userId: string): void; // this process changed the user: read the directory again
}

export const MAX_SESSION_CACHE_MS = 1000;

export const tokenRevoked = (): DomainError => ({
  kind: 'unauthenticated',
  code: 'auth.token_revoked',
  message: 'Your access was changed or revoked since this token was signed; sign in again',
});

export function directorySessions(signer: TokenSigner, users: Pick<UserDirectory, 'get'>, options: { maxAgeMs?: number; now?: () => number } = {}): Sessions {
  const maxAgeMs = Math.min(options.maxAgeMs ?? 500, MAX_SESSION_CACHE_MS);
  const now = options.now ?? Date.now;
  const known = new Map<string, { readonly user: Promise<User | undefined>; readonly at: number }>();

  const current = (id: string): Promise<User | undefined> => {
    const cached = known.get(id);
    if (cached && now() - cached.at < maxAgeMs) return cached.user;
    if (known.size > 10_000) known.clear();
    // One read in flight per user, however many requests ask at once; a failed read is not kept.
    const user = users.get(id);
    known.set(id, { user, at: now() });
    user.catch(() => known.delete(id));
    return user;
  };

  return {
    async authenticate(token) {
      const claims = signer.verifyToken(token);
      if ('kind' in claims) return claims;
      return stillHolds(claims, await current(claims.id)) ? principalOf(claims) : tokenRevoked();
    },
    forget: (id) => void known.delete(id),
  };
}

const stillHolds = (claims: VerifiedToken, user: User | undefined): boolean =>
  user !== undefined && !user.disabled && user.tokenVersion === claims.tokenVersion && user.role === claims.role && user.tenantId === claims.tenantId;

const principalOf = ({ id, name, role, tenantId }: VerifiedToken): Principal => ({ id, name, role, tenantId });
