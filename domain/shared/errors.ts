// Errors are values. `kind` decides the HTTP status at the edge (api/errors.ts);
// `code` is stable and machine-readable; `message` is a sentence for a person.
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'rate_limited' // too many attempts: details.retryAfterSeconds says when to try again
  | 'unavailable';

export interface DomainError {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

const errorOf =
  (kind: ErrorKind) =>
  (code: string, message: string, details?: unknown): DomainError => ({
    kind,
    code,
    message,
    ...(details === undefined ? {} : { details }),
  });

export const refuse = errorOf('refused');
export const conflict = errorOf('conflict');
export const invalid = errorOf('invalid');
export const notFound = errorOf('not_found');

export function isDomainError(value: unknown): value is DomainError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as DomainError).kind === 'string' &&
    typeof (value as DomainError).code === 'string' &&
    typeof (value as DomainError).message === 'string'
  );
}
