// One GoogleAdsService.Mutate through the library's mutateResources, as an outcome. A
// refusal of operation N names what N was about (Plan.about); with partial_failure the
// response's partial_failure_error (decoded by the library into a GoogleAdsFailure, with
// field paths) is a refusal too, though the other operations were applied.
import type { services } from 'google-ads-api';
import { failed, ok, type PlatformOutcome } from '../port.ts';
import { asLibraryOperations, type Customer } from './client.ts';
import { errorFromEntries } from './errors.ts';
import { entriesOf, isGoogleAdsFailure } from './failure.ts';
import type { Plan } from './operations.ts';
import { call, type RetryPolicy } from './retry.ts';

export interface MutateFlags {
  readonly partialFailure?: boolean;
  readonly validateOnly?: boolean;
  readonly repeatable: boolean; // false when a blind repeat could create twice
}

export type MutateResponse = services.MutateGoogleAdsResponse;

export async function mutate(customer: Customer, plan: Plan, what: string, flags: MutateFlags, policy: RetryPolicy): Promise<PlatformOutcome<MutateResponse>> {
  const about = (i: number) => plan.about[i];
  const options = { partial_failure: flags.partialFailure ?? false, validate_only: flags.validateOnly ?? false };
  const sent = await call(what, () => customer.mutateResources(asLibraryOperations(plan.operations), options), policy, flags.repeatable, about);
  if (!sent.ok) return sent;
  const partial: unknown = sent.value.partial_failure_error;
  if (isGoogleAdsFailure(partial)) return failed(errorFromEntries(entriesOf(partial), what, about, { applied: !flags.validateOnly }));
  return ok(sent.value);
}

// The new resource's name in the answer to operation `index` (e.g. campaign_result).
export function createdName(response: MutateResponse, index: number): string | undefined {
  const entry = response.mutate_operation_responses?.[index] as Record<string, unknown> | undefined;
  const result = Object.values(entry ?? {}).find((v): v is { resource_name: string } => typeof (v as { resource_name?: unknown } | null)?.resource_name === 'string');
  return result?.resource_name;
}
