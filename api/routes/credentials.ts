// Platform credentials over HTTP. The secret comes in once, in a body, and never goes out:
// answers carry the vault version and the log position; the list is metadata only.
import { z } from 'zod';
import { tenantAggregate, type WriteSide } from '../../commands/aggregates.ts';
import { commandIdSchema } from '../../commands/acceptCommand.ts';
import { removePlatformCredentials, rotatePlatformCredentials, secretSchema, storePlatformCredentials } from '../../commands/credentials.ts';
import { loadStream } from '../../commands/loadStream.ts';
import type { CredentialVault } from '../../connectors/credentials/port.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import { approverRoles } from '../../domain/shared/roles.ts';
import { platformSchema } from '../../domain/shared/values.ts';
import { idSchema, tenantStream } from '../../domain/streams.ts';
import { credentialKindSchema } from '../../domain/tenant/credentials.ts';
import { actorOf } from '../auth/principal.ts';
import type { Router } from '../http/route.ts';
import { requireTenant, tenantNotFound } from '../http/scope.ts';

const base = '/api/tenants/:tenantId/platform-credentials';
const tenantParams = z.strictObject({ tenantId: idSchema });
const accountId = z.string().min(1).max(100);
const storeBody = z.strictObject({
  platform: platformSchema,
  accountId,
  kind: credentialKindSchema,
  secret: secretSchema,
  commandId: commandIdSchema.optional(),
});
const rotateBody = storeBody.omit({ kind: true });
const written = { 201: 'Stored: the vault version and the log position (never the secret)', 404: 'No such tenant in scope', 409: 'Already stored (rotate instead), or a stale version', 422: 'Refused: the account is not linked, or nothing is stored', 503: 'The vault or the log cannot take it now' };

export function credentialRoutes(routes: Router, w: WriteSide, vault: CredentialVault): void {
  routes.route({
    method: 'GET',
    url: base,
    summary: 'Which platform credentials a tenant has: kind, version, stored, rotated, last read — never the secret',
    tags: ['credentials'],
    access: 'signed-in',
    params: tenantParams,
    async handler({ params, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const tenant = await loadStream(w.store, tenantStream(params.tenantId), tenantAggregate, w.folds.tenant);
      if (isDomainError(tenant)) return tenant;
      if (!tenant.state.exists) return tenantNotFound(params.tenantId);
      const credentials = Object.entries(tenant.state.credentials).map(([platform, c]) => ({
        platform,
        accountId: c.accountId,
        kind: c.kind,
        version: c.version,
        storedAt: c.storedAt,
        storedBy: c.storedBy,
        lastRotatedAt: c.lastRotatedAt ?? null,
        lastAccess: c.lastAccess ?? null,
      }));
      return { tenantId: params.tenantId, credentials };
    },
  });

  routes.route({
    method: 'POST',
    url: base,
    summary: 'Store a platform credential (encrypted in the vault; the log records only its version)',
    tags: ['credentials'],
    access: approverRoles,
    params: tenantParams,
    body: storeBody,
    responses: written,
    async handler({ params, body, principal, reply }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const stored = await storePlatformCredentials(w, vault, { ...body, tenantId: params.tenantId, actor: actorOf(principal) });
      return isDomainError(stored) ? stored : reply.status(201).send({ version: stored.version, position: stored.result.position });
    },
  });

  routes.route({
    method: 'POST',
    url: `${base}/rotate`,
    summary: 'Replace a stored platform credential with a new secret (a new vault version; the old one is erased)',
    tags: ['credentials'],
    access: approverRoles,
    params: tenantParams,
    body: rotateBody,
    responses: written,
    async handler({ params, body, principal, reply }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const rotated = await rotatePlatformCredentials(w, vault, { ...body, tenantId: params.tenantId, actor: actorOf(principal) });
      return isDomainError(rotated) ? rotated : reply.status(201).send({ version: rotated.version, position: rotated.result.position });
    },
  });

  routes.route({
    method: 'DELETE',
    url: `${base}/:platform/:accountId`,
    summary: 'Remove a platform credential: the log records it, the vault erases every version',
    tags: ['credentials'],
    access: approverRoles,
    params: z.strictObject({ tenantId: idSchema, platform: platformSchema, accountId }),
    responses: { 200: 'Removed: the version that was current and the log position', 404: 'No such tenant in scope', 422: 'Nothing is stored' },
    async handler({ params, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const removed = await removePlatformCredentials(w, vault, { ...params, actor: actorOf(principal) });
      if (isDomainError(removed)) return removed;
      const version = (removed.events[0]?.data as { version?: number } | undefined)?.version ?? null;
      return { version, position: removed.position };
    },
  });
}
