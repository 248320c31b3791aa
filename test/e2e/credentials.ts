// Shared by the platform-credentials e2e suites: the routes, a system actor, and a grep of
// every byte the server stored.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/shared/envelope.ts';
import { actorHeaders, type Api } from './http.ts';

export const ACCOUNT = '111-222-3333'; // google_ads, linked by tenantSteps
export const sync: Actor = { type: 'system', id: 'performance-sync', role: 'system' };
export const aSecret = (label: string): string => `1//0g${label}${randomBytes(16).toString('base64url')}`;

export const credentialsUrl = (tenantId = 'acme') => `/api/tenants/${tenantId}/platform-credentials`;

export const post = (api: Api, actor: Actor, url: string, payload: object, tenantId?: string) =>
  api.app.inject({ method: 'POST', url, headers: actorHeaders(actor, tenantId), payload });

export const del = (api: Api, actor: Actor, url: string, tenantId?: string) =>
  api.app.inject({ method: 'DELETE', url, headers: actorHeaders(actor, tenantId) });

// Every file in the server's DATA_DIR (event log, read models, vault, their WAL files), as bytes.
export function storedBytes(dir: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((file) => existsSync(file) && !file.endsWith('.key'))
    .map((file) => ({ file, text: readFileSync(file).toString('latin1') }));
}
