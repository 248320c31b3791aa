// Errors are values. `kind` decides the HTTP status at the edge (api/errors.ts);
// `code` is stable and machine-readable; `message` is a sentence for a person.
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'unavailable';

export interface DomainError {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export const refuse = (code: string, message: string, details?: unknown): DomainError => ({
  kind: 'refused',
  code,
  message,
  ...(details === undefined ? {} : { details }),
});

export const conflict = (code: string, message: string, details?: unknown): DomainError => ({
  kind: 'conflict',
  code,
  message,
  ...(details === undefined ? {} : { details }),
});

export const invalid = (code: string, message: string, details?: unknown): DomainError => ({
  kind: 'invalid',
  code,
  message,
  ...(details === undefined ? {} : { details }),
});

export const notFound = (code: string, message: string, details?: unknown): DomainError => ({
  kind: 'not_found',
  code,
  message,
  ...(details === undefined ? {} : { details }),
});

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
