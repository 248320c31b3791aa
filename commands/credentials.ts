// Storing, rotating and removing a platform's credentials: the secret goes into the vault,
// the log gets only the version the vault answered. Order matters:
// - store/rotate: vault first, then the command. If the command is refused (not linked,
//   already stored, forbidden, a race), the new vault version is erased again; should that
//   erase fail too, the version is orphaned: encrypted, never referenced by the log, never read.
// - remove: the command first, then the vault erases every version. A failed erase is
//   retried by sending the removal again (it erases even when the log says nothing is stored).
import { z } from 'zod';
import type { CredentialRef, CredentialVault } from '../connectors/credentials/port.ts';
import type { Actor } from '../domain/shared/envelope.ts';
import { invalid, isDomainError, type DomainError } from '../domain/shared/errors.ts';
import type { CredentialKind } from '../domain/tenant/credentials.ts';
import { zodDetails } from '../domain/shared/zodDetails.ts';
import type { WriteSide } from './aggregates.ts';
import { newCommandId } from './eventIds.ts';
import type { CommandResult } from './result.ts';
import { sendCommand } from './sendCommand.ts';

// A token as the platforms issue them: one word of printable characters. The messages never
// quote the value.
export const secretSchema = z
  .string()
  .min(1, 'The secret is empty')
  .max(4096, 'The secret is longer than 4096 characters')
  .regex(/^[\x21-\x7e]+$/, 'The secret must be one word of printable ASCII, without spaces or line breaks');

export interface CredentialCommandInput extends CredentialRef {
  readonly actor: Actor;
  readonly commandId?: string | undefined;
  readonly correlationId?: string | undefined;
}

export interface Stored {
  readonly version: number;
  readonly result: CommandResult;
}

// The command types only this module sends: a version in the log must be one the vault holds.
export const vaultBoundCommands: ReadonlySet<string> = new Set([
  'tenant.store_platform_credentials',
  'tenant.rotate_platform_credentials',
  'tenant.remove_platform_credentials',
  'tenant.record_credential_access',
]);

const refOf = ({ tenantId, platform, accountId }: CredentialRef): CredentialRef => ({ tenantId, platform, accountId });

const send = (w: WriteSide, input: CredentialCommandInput, type: string, data: Record<string, unknown>) =>
  sendCommand(w, {
    type,
    tenantId: input.tenantId,
    commandId: input.commandId ?? newCommandId(),
    data: { platform: input.platform, accountId: input.accountId, ...data },
    actor: input.actor,
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
  });

async function putThenSend(
  w: WriteSide,
  vault: CredentialVault,
  input: CredentialCommandInput & { readonly secret: string },
  command: (version: number) => Promise<CommandResult | DomainError>,
): Promise<Stored | DomainError> {
  const secret = secretSchema.safeParse(input.secret);
  if (!secret.success) return invalid('credentials.invalid_secret', 'The secret is not valid', zodDetails(secret.error));
  const ref = refOf(input);
  const version = await vault.put(ref, secret.data);
  const result = await command(version);
  if (!isDomainError(result)) return { version, result };
  await vault.remove(ref, version).catch(() => undefined); // orphaned if this fails: never referenced
  return result;
}

export function storePlatformCredentials(
  w: WriteSide,
  vault: CredentialVault,
  input: CredentialCommandInput & { readonly kind: CredentialKind; readonly secret: string },
): Promise<Stored | DomainError> {
  return putThenSend(w, vault, input, (version) => send(w, input, 'tenant.store_platform_credentials', { kind: input.kind, version }));
}

export async function rotatePlatformCredentials(w: WriteSide, vault: CredentialVault, input: CredentialCommandInput & { readonly secret: string }): Promise<Stored | DomainError> {
  const stored = await putThenSend(w, vault, input, (version) => send(w, input, 'tenant.rotate_platform_credentials', { version }));
  if (isDomainError(stored)) return stored;
  // The old secret stops existing once the log points at the new one.
  const rotated = stored.result.events.find((e) => e.type === 'tenant.platform_credentials_rotated')?.data as { previousVersion?: number } | undefined;
  if (rotated?.previousVersion !== undefined) await vault.remove(refOf(input), rotated.previousVersion).catch(() => undefined);
  return stored;
}

export async function removePlatformCredentials(w: WriteSide, vault: CredentialVault, input: CredentialCommandInput): Promise<CommandResult | DomainError> {
  const result = await send(w, input, 'tenant.remove_platform_credentials', {});
  if (!isDomainError(result) || result.code === 'tenant.credentials_not_stored') await vault.remove(refOf(input));
  return result;
}
