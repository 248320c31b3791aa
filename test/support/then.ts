// Assertions on a command's outcome that show what came back when they fail.
import * as assert from 'uvu/assert';
import type { CommandResult } from '../../commands/result.ts';
import { isDomainError, type DomainError, type ErrorKind } from '../../domain/shared/errors.ts';

const show = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

export function thenRefused(result: unknown, code: string, kind?: ErrorKind): DomainError {
  if (!isDomainError(result)) return assert.unreachable(`expected refusal ${code}, got ${show(result)}`) as never;
  assert.is(result.code, code, `expected ${code}, got ${result.code}: ${result.message}`);
  if (kind) assert.is(result.kind, kind, `expected kind ${kind} for ${code}, got ${result.kind}`);
  return result;
}

export function thenApplied(result: CommandResult | DomainError): CommandResult {
  if (isDomainError(result)) return assert.unreachable(`expected success, got ${result.code}: ${result.message} ${show(result.details ?? '')}`) as never;
  return result;
}
