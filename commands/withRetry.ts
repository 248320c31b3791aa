// Another writer got to the stream first: load again and decide again, a bounded number of
// times, so a refusal is always decided on the stream as it is.
import { conflict, isDomainError, type DomainError } from '../domain/shared/errors.ts';

export const MAX_ATTEMPTS = 8;

export async function withRetry<T>(stream: string, attempt: () => Promise<T | DomainError>, attempts = MAX_ATTEMPTS): Promise<T | DomainError> {
  for (let i = 0; i < attempts; i++) {
    const result = await attempt();
    if (!isDomainError(result) || result.code !== 'stream.wrong_expected_revision') return result;
  }
  return conflict('command.contention', `${stream} kept changing; the command was tried ${attempts} times and not applied`);
}
