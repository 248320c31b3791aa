// The sandbox platform: Google Ads and Meta simulated over one SQLite file, behind the
// same port as the real adapters, plus the handles tests need (faults, creation counts,
// hand edits). Deterministic: the same calls on a fresh file give the same ids and numbers.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Platform } from '../../../domain/shared/values.ts';
import { idempotencyLabel } from '../idempotencyLabel.ts';
import type { AccountRef, Budget, CampaignRef, CampaignSpec, CampaignState, CampaignStatus, IdempotencyKey, PlatformOutcome, PlatformPort } from '../port.ts';
import { failed, ok, platformError } from '../port.ts';
import { faultBox, faultError, type FaultInjection, type SandboxOperation } from './faults.ts';
import { platformId } from './ids.ts';
import { dailyRows } from './metrics.ts';
import { reconcile } from './reconcile.ts';
import { checkBudget, checkFlight, checkSpec, sandboxPlatforms } from './rules.ts';
import { openSandboxStore, type StoredCampaign } from './store.ts';
import { existingCampaign, existingLabel, type ExistingCampaign } from './history.ts';

export interface SandboxOptions {
  // The platforms' clock: "today" for new campaigns, complete days and late conversions.
  readonly now?: () => Date;
  // Accounts that exist before first use (others open on first use in the spec's currency).
  readonly accounts?: readonly { readonly platform: Platform; readonly accountId: string; readonly currency: string; readonly autoTagging?: boolean }[];
  // Campaigns the accounts ran before (history.ts), made once, on the first open that names them.
  readonly existing?: readonly ExistingCampaign[];
}

export interface HandEdit {
  readonly budgetMicros?: number;
  readonly status?: CampaignStatus;
  readonly name?: string;
}

export interface SandboxPlatform extends PlatformPort {
  inject(injection: FaultInjection): void;
  clearFaults(): void;
  // How many campaigns the platform created for this key, ever (idempotency proofs).
  creations(key: IdempotencyKey): number;
  // A person switching Google's auto-tagging in the account settings.
  setAutoTagging(account: AccountRef, on: boolean): void;
  // A person changing the campaign in the platform's UI: not our write, so it shows as drift.
  editByHand(ref: CampaignRef, edit: HandEdit): PlatformOutcome<CampaignState>;
}

const unsupported = (platform: Platform) =>
  platformError('platform.invalid', `The sandbox simulates ${sandboxPlatforms.join(' and ')}, not ${platform}`);
const notFound = (ref: CampaignRef) => platformError('platform.not_found', `No ${ref.platform} campaign ${ref.campaignId} in account ${ref.accountId}`);

export function openSandboxPlatform(path: string, options: SandboxOptions = {}): SandboxPlatform {
  const store = openSandboxStore(path);
  const faults = faultBox();
  const now = options.now ?? (() => new Date());
  const today = () => now().toISOString().slice(0, 10);
  for (const a of options.accounts ?? []) {
    store.openAccount(a.platform, a.accountId, a.currency);
    if (a.autoTagging !== undefined) store.setAutoTagging(a.platform, a.accountId, a.autoTagging);
  }
  (options.existing ?? []).forEach((spec, i) =>
    store.transaction(() => {
      if (store.byLabel(spec.platform, spec.accountId, existingLabel(spec.name)).length > 0) return;
      store.openAccount(spec.platform, spec.accountId, spec.currency);
      store.put(existingCampaign(spec, today(), i + 1));
    }),
  );

  // Every call: faults first (latency, then at most one failure), then the work; a store
  // fault is this platform being unavailable, never a throw out of the port.
  async function call<T>(platform: Platform, operation: SandboxOperation, work: () => PlatformOutcome<T>): Promise<PlatformOutcome<T>> {
    if (!sandboxPlatforms.includes(platform)) return failed(unsupported(platform));
    const { delayMs, failure } = faults.take(platform, operation);
    if (delayMs > 0) await sleep(delayMs);
    if (failure && failure.kind !== 'lost_response' && failure.kind !== 'latency') return failed(faultError(platform, failure));
    let outcome: PlatformOutcome<T>;
    try {
      outcome = work();
    } catch (error) {
      return failed(platformError('platform.unavailable', `The ${platform} sandbox could not use its state file`, { platformMessage: String(error) }));
    }
    return failure?.kind === 'lost_response' ? failed(faultError(platform, failure)) : outcome;
  }

  const existing = (ref: CampaignRef): StoredCampaign | undefined => {
    const c = store.get(ref.platform, ref.campaignId);
    return c && c.state.accountId === ref.accountId ? c : undefined;
  };

  function prepare(spec: CampaignSpec): PlatformOutcome<{ found: StoredCampaign | undefined; label: string }> {
    const refusal = checkSpec(spec);
    if (refusal) return failed(refusal);
    const currency = store.accountCurrency(spec.key.platform, spec.accountId);
    if (currency !== undefined && currency !== spec.budget.currency)
      return failed(platformError('platform.invalid', `Account ${spec.accountId} bills in ${currency}, not ${spec.budget.currency}`));
    const label = idempotencyLabel(spec.key);
    // Oldest first: should a duplicate ever exist (made outside adledger), every run picks the same one.
    const found = store.byLabel(spec.key.platform, spec.accountId, label)[0];
    if (found?.state.status === 'removed')
      return failed(platformError('platform.invalid', `Campaign ${found.state.campaignId} for this key was removed; a removed campaign cannot change`, { details: { campaignId: found.state.campaignId } }));
    return ok({ found, label });
  }

  // Our API's writes to one campaign: the change and the record of what we last wrote.
  const write = (ref: CampaignRef, change: (c: StoredCampaign) => PlatformOutcome<StoredCampaign>): PlatformOutcome<CampaignState> =>
    store.transaction(() => {
      const c = existing(ref);
      if (!c) return failed(notFound(ref));
      const next = change(c);
      if (!next.ok) return next;
      store.put(next.value);
      return ok(next.value.state);
    });

  const setStatus = (ref: CampaignRef, status: CampaignStatus) =>
    write(ref, (c) => {
      if (c.state.status === 'removed' && status !== 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed and cannot be ${status}`));
      return ok({ ...c, state: { ...c.state, status }, lastWritten: { ...c.lastWritten, status } });
    });

  return {
    name: 'sandbox',
    platforms: sandboxPlatforms,

    // Every account id is an account the agency holds; a Google account tags automatically
    // unless someone switched it off, as Google's own default is.
    readAccount: (account) =>
      call(account.platform, 'readAccount', () => {
        const currency = store.accountCurrency(account.platform, account.accountId);
        const tagging = account.platform === 'google_ads' ? { autoTagging: store.autoTagging(account.platform, account.accountId) ?? true } : {};
        return ok({ ...account, ...(currency === undefined ? {} : { currency }), ...tagging });
      }),

    ensureCampaign: (spec) =>
      call(spec.key.platform, 'ensureCampaign', () =>
        store.transaction(() => {
          const prepared = prepare(spec);
          if (!prepared.ok) return prepared;
          const { found, label } = prepared.value;
          const platform = spec.key.platform;
          const { next, result } = reconcile(spec, found, label, today(), () => platformId(platform, store.nextSerial(platform)));
          if (result.outcome === 'unchanged' && result.drift.length === 0) return ok(result);
          store.openAccount(platform, spec.accountId, spec.budget.currency);
          store.put(next);
          if (result.outcome === 'created') store.countCreation(label);
          return ok(result);
        }),
      ),

    validate: (spec) =>
      call(spec.key.platform, 'validate', () => {
        const prepared = prepare(spec);
        if (!prepared.ok) return prepared;
        const { found, label } = prepared.value;
        const { result } = reconcile(spec, found, label, today(), () => 'pending');
        return ok(found ? { wouldBe: result.outcome, campaignId: found.state.campaignId } : { wouldBe: result.outcome });
      }),

    pause: (ref) => call(ref.platform, 'pause', () => setStatus(ref, 'paused')),
    resume: (ref) => call(ref.platform, 'resume', () => setStatus(ref, 'enabled')),
    remove: (ref) => call(ref.platform, 'remove', () => setStatus(ref, 'removed')),

    setBudget: (ref, budget: Budget) =>
      call(ref.platform, 'setBudget', () =>
        write(ref, (c) => {
          if (c.state.status === 'removed') return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} was removed; its budget cannot change`));
          if (budget.currency !== c.state.budget.currency) return failed(platformError('platform.invalid', `Campaign ${ref.campaignId} is budgeted in ${c.state.budget.currency}, not ${budget.currency}`));
          const refusal = checkFlight(c.state.flight) ?? checkBudget(ref.platform, c.state.objective, budget, c.state.flight);
          if (refusal) return failed(refusal);
          return ok({ ...c, state: { ...c.state, budget }, lastWritten: { ...c.lastWritten, budgetMicros: budget.amountMicros } });
        }),
      ),

    readCampaign: (ref) =>
      call(ref.platform, 'readCampaign', () => {
        const c = existing(ref);
        return c ? ok(c.state) : failed(notFound(ref));
      }),

    listCampaigns: (account: AccountRef, namePrefix: string) =>
      call(account.platform, 'listCampaigns', () => ok(store.byPrefix(account.platform, account.accountId, namePrefix).map((c) => c.state))),

    fetchDailyPerformance: (account, fromDate, toDate) =>
      call(account.platform, 'fetchDailyPerformance', () => {
        const refusal = checkFlight({ startDate: fromDate, endDate: toDate });
        if (refusal) return failed(refusal);
        const currency = store.accountCurrency(account.platform, account.accountId);
        if (currency === undefined) return failed(platformError('platform.not_found', `No ${account.platform} account ${account.accountId}`));
        const campaigns = store.byPrefix(account.platform, account.accountId, '');
        return ok(campaigns.flatMap((c) => dailyRows(c, currency, fromDate, toDate, today())));
      }),

    close: async () => store.close(),

    inject: (injection) => faults.inject(injection),
    clearFaults: () => faults.clear(),
    setAutoTagging: (account, on) => store.setAutoTagging(account.platform, account.accountId, on),
    creations: (key) => store.creations(idempotencyLabel(key)),
    editByHand: (ref, edit) =>
      store.transaction(() => {
        const c = existing(ref);
        if (!c) return failed(notFound(ref));
        const budget = edit.budgetMicros === undefined ? c.state.budget : { ...c.state.budget, amountMicros: edit.budgetMicros };
        const state = { ...c.state, budget, status: edit.status ?? c.state.status, name: edit.name ?? c.state.name };
        store.put({ ...c, state });
        return ok(state);
      }),
  };
}
