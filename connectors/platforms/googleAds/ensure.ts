// ensureCampaign and validate: look the key up, then create everything in one Mutate or
// bring what exists to the spec; validate sends the same request with validate_only.
import { idempotencyLabel } from '../idempotencyLabel.ts';
import type { CampaignSpec, EnsureResult, PlatformError, PlatformOutcome, ValidateResult } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { checkSpec } from './checks.ts';
import { idOf, resourceName, type Customer } from './client.ts';
import { customerIdOf } from './config.ts';
import { diffPlan } from './diff.ts';
import { driftOf, encode, record } from './lastWritten.ts';
import { lookUp, type Looked } from './lookup.ts';
import { createdName, mutate } from './mutate.ts';
import { createPlan, type Plan } from './operations.ts';
import { readCampaigns, type Found } from './readBack.ts';
import { call, type RetryPolicy } from './retry.ts';

interface Prepared {
  readonly looked: Looked;
  readonly plan: Plan; // what ensure would send
  readonly outcome: 'created' | 'updated' | 'unchanged';
  readonly campaignOp?: number; // the index of the campaign create, when creating
}

async function prepare(customer: Customer, spec: CampaignSpec, policy: RetryPolicy): Promise<PlatformOutcome<Prepared>> {
  const refusal = checkSpec(spec);
  if (refusal) return failed(refusal);
  const keyLabel = idempotencyLabel(spec.key);
  const looked = await call('Looking up the campaign for this key', () => lookUp(customer, spec.accountId, keyLabel), policy);
  if (!looked.ok) return looked;
  const { currency, labelId, found } = looked.value;
  if (currency !== undefined && currency !== spec.budget.currency)
    return failed(platformError('platform.invalid', `Account ${spec.accountId} bills in ${currency}, not ${spec.budget.currency}`));
  const customerId = customerIdOf(spec.accountId);
  if (!found) {
    const written = record(spec.objective, 'enabled', spec.budget.amountMicros, spec.name);
    const plan = createPlan(spec, customerId, keyLabel, labelId === undefined ? undefined : resourceName(customerId, 'labels', labelId), written);
    return ok({ looked: looked.value, plan, outcome: 'created', campaignOp: plan.operations.findIndex((o) => o.entity === 'campaign') });
  }
  if (found.state.status === 'removed')
    return failed(platformError('platform.invalid', `Campaign ${found.state.campaignId} for this key was removed; a removed campaign cannot change`, { details: { campaignId: found.state.campaignId } }));
  // Ensure writes name and budget; the status we last wrote stays what it was.
  const before = found.keyLabel?.written;
  const written = record(spec.objective, before?.s ?? found.state.status, spec.budget.amountMicros, spec.name);
  const { plan, record: note } = diffPlan(spec, found, customerId, written);
  const outcome = plan.operations.length === 0 ? 'unchanged' : 'updated';
  const recordChanged = before === undefined || encode(before) !== encode(written);
  const withNote = outcome === 'updated' || recordChanged;
  const send: Plan = withNote ? { operations: [...plan.operations, ...note.operations], about: [...plan.about, ...note.about] } : plan;
  return ok({ looked: looked.value, plan: send, outcome });
}

// The key label was made between our lookup and our create: by another run, or by this
// very request sent twice (gax repeats a Mutate whose answer was lost, see retry.ts). The
// label's unique name stopped a second campaign; the next ensure finds the first by its key.
function keyTaken(error: PlatformError, name: string): PlatformError {
  const errors = (error.details as { errors?: { code?: string; operation?: string }[] } | undefined)?.errors ?? [];
  const taken = errors.some((e) => e.code === 'label_error.DUPLICATE_NAME' && e.operation?.startsWith('key label'));
  return taken
    ? platformError('platform.unavailable', `Ensuring campaign ${name}: its key label exists already, so an earlier attempt may have made the campaign; ensure again to find it by its key`, { platformMessage: error.platformMessage, details: error.details })
    : error;
}

const ids = (found: Found, spec: CampaignSpec) =>
  spec.adGroups.flatMap((g) => {
    const group = found.state.adGroups.find((x) => x.key === g.key);
    return group ? [{ key: group.key, id: group.id, ads: g.ads.flatMap((a) => group.ads.filter((x) => x.key === a.key).map((x) => ({ key: x.key, id: x.id }))) }] : [];
  });

export async function ensureCampaign(customer: Customer, spec: CampaignSpec, policy: RetryPolicy): Promise<PlatformOutcome<EnsureResult>> {
  const prepared = await prepare(customer, spec, policy);
  if (!prepared.ok) return prepared;
  const { looked, plan, outcome, campaignOp } = prepared.value;
  let campaignId = looked.found?.state.campaignId;
  if (plan.operations.length > 0) {
    // A create is atomic: with partial_failure a refused label or label link would leave a
    // campaign without its key, and the next ensure would make a second one (the local
    // server showed it). An update uses partial_failure: an ad Google refuses (policy) does
    // not hold back the other changes; the refusal names it, and the next ensure retries it.
    const partialFailure = outcome !== 'created';
    const sent = await mutate(customer, plan, `Ensuring campaign ${spec.name}`, { partialFailure, repeatable: partialFailure }, policy);
    if (!sent.ok) return outcome === 'created' ? failed(keyTaken(sent.error, spec.name)) : sent;
    if (campaignOp !== undefined) campaignId = idOf(createdName(sent.value, campaignOp) ?? '') || undefined;
  }
  if (campaignId === undefined) return failed(platformError('platform.unavailable', `Google Ads answered the create of ${spec.name} without the campaign's resource name`));
  const read = await call('Reading the campaign back', () => readCampaigns(customer, spec.accountId, `campaign.id = ${campaignId}`), policy);
  if (!read.ok) return read;
  const found = read.value[0];
  if (!found) return failed(platformError('platform.unavailable', `Campaign ${campaignId} was written but could not be read back`));
  return ok({
    campaignId: found.state.campaignId,
    adGroups: ids(found, spec),
    outcome,
    drift: looked.found ? driftOf(looked.found.state, looked.found.keyLabel?.written, spec) : [],
    trackingMode: 'auto_tagging',
    status: found.state.status,
  });
}

export async function validate(customer: Customer, spec: CampaignSpec, policy: RetryPolicy): Promise<PlatformOutcome<ValidateResult>> {
  const prepared = await prepare(customer, spec, policy);
  if (!prepared.ok) return prepared;
  const { looked, plan, outcome } = prepared.value;
  if (outcome !== 'unchanged') {
    const checked = await mutate(customer, plan, `Validating campaign ${spec.name}`, { partialFailure: outcome !== 'created', validateOnly: true, repeatable: true }, policy);
    if (!checked.ok) return checked;
  }
  const campaignId = looked.found?.state.campaignId;
  return ok(campaignId === undefined ? { wouldBe: outcome } : { wouldBe: outcome, campaignId });
}
