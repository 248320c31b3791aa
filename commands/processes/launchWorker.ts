// One launch, worked until nothing more can happen without a person or the clock: load the
// launch, ask the domain what is next (nextSteps), do it, record it, ask again. Every record
// goes through sendCommand like a person's command, with a command id derived from what it
// records, so a restarted saga that repeats a step appends nothing twice.
import { createHash } from 'node:crypto';
import { nextSteps, type Step } from '../../domain/launch/nextSteps.ts';
import type { Actor } from '../../domain/shared/envelope.ts';
import { isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import { launchStream } from '../../domain/streams.ts';
import { launchAggregate, launchCommands, type WriteSide } from '../aggregates.ts';
import { loadStream } from '../loadStream.ts';
import type { CommandResult } from '../result.ts';
import { sendCommand } from '../sendCommand.ts';
import { campaignSpecFor } from './launchSpec.ts';
import { performMutation, type PlatformAccess } from './performMutation.ts';
import { findVersion } from '../../domain/plan/state.ts';
import type { CommandInput } from '../acceptCommand.ts';

export const launchSagaActor: Actor = { type: 'system', id: 'launch-saga', role: 'system' };

export interface LaunchRef {
  readonly tenantId: string;
  readonly planId: string;
  readonly version: number;
}

export interface WorkerDeps extends PlatformAccess {
  readonly w: WriteSide;
  readonly onError?: (error: DomainError | unknown, launch: LaunchRef) => void;
  // False while this saga does not hold its lease: nothing is sent to a platform then.
  readonly mayCallPlatforms?: () => boolean;
}

// `wakeAt`: the worker has nothing to do until then (a retry, an SLA); absent: at rest.
export interface WorkerOutcome {
  readonly wakeAt?: number;
  readonly stuck?: DomainError; // a step the domain refused twice running: reported, retried later
}

const MAX_PASSES = 500;
const leaseLost: DomainError = { kind: 'unavailable', code: 'saga.lease_lost', message: 'This launch saga does not hold its lease now; another instance may be calling the platforms' };

export async function workLaunch(deps: WorkerDeps, ref: LaunchRef): Promise<WorkerOutcome> {
  let refusedBefore = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const loaded = await load(deps, ref);
    if (isDomainError(loaded)) return { wakeAt: deps.w.now().getTime() + 5000, stuck: loaded };
    const { steps, wakeAt } = nextSteps(ref, loaded.state, loaded.ctx);
    if (steps.length === 0) return wakeAt === undefined ? {} : { wakeAt };
    const results = await Promise.all(steps.map((step) => doStep(deps, ref, loaded, step)));
    const refusal = results.find(isDomainError);
    if (refusal && !results.some((r) => !isDomainError(r))) {
      deps.onError?.(refusal, ref);
      // Nothing went through: the domain saw something this pass did not. Look once more,
      // then stop hammering it and try again a little later.
      if (refusedBefore) return { wakeAt: deps.w.now().getTime() + 5000, stuck: refusal };
      refusedBefore = true;
    } else refusedBefore = false;
  }
  return { wakeAt: deps.w.now().getTime() };
}

async function load(deps: WorkerDeps, ref: LaunchRef) {
  const { w } = deps;
  const launch = await loadStream(w.store, launchStream(ref.tenantId, ref.planId, ref.version), launchAggregate, w.folds.launch);
  if (isDomainError(launch)) return launch;
  const ctx = await launchCommands.context(w, ref.tenantId, ref);
  if (isDomainError(ctx)) return ctx;
  return { state: launch.state, ctx, stream: launch.stream };
}

type Loaded = Exclude<Awaited<ReturnType<typeof load>>, DomainError>;

// A readable command id when it fits, a hashed one when the names are long.
function commandIdFor(stream: string, ...parts: (string | number)[]): string {
  const readable = `saga:${stream}:${parts.join(':')}`;
  if (readable.length <= 100 && /^[A-Za-z0-9_:.-]+$/.test(readable)) return readable;
  return `saga:${parts[0]}:${createHash('sha256').update(`${stream}|${parts.join('|')}`).digest('hex').slice(0, 40)}`;
}

async function doStep(deps: WorkerDeps, ref: LaunchRef, loaded: Loaded, step: Step): Promise<CommandResult | DomainError> {
  const { w } = deps;
  const { state, ctx, stream } = loaded;
  const x = state.execution;
  const target = { planId: ref.planId, version: ref.version };
  const send = (type: string, data: Record<string, unknown>, ...idParts: (string | number)[]) => {
    const input: CommandInput = { type, tenantId: ref.tenantId, commandId: commandIdFor(stream, ...idParts), data: { ...target, ...data }, actor: launchSagaActor };
    return sendCommand(w, input);
  };
  switch (step.kind) {
    case 'perform': {
      const { campaign: c, mutation } = step;
      if (deps.mayCallPlatforms && !deps.mayCallPlatforms()) return leaseLost;
      const accountId = ctx.tenant.accounts[c.platform]?.accountId ?? '';
      const manifestCampaign = state.manifest?.campaigns.find((m) => m.logicalCampaignKey === c.logicalCampaignKey);
      const planVersion = findVersion(ctx.plan, ref.version);
      const spec =
        mutation.action === 'ensure' && manifestCampaign && planVersion && state.manifest
          ? campaignSpecFor({ ...ref, planVersion, campaign: manifestCampaign, currency: state.manifest.currency, accountId, creatives: x?.creatives ?? [] })
          : undefined;
      const stored = ctx.tenant.credentials[c.platform];
      const credentialVersion = stored && stored.accountId === accountId ? { credentialVersion: stored.version } : {};
      const result = await performMutation(deps, mutation, { tenantId: ref.tenantId, platform: c.platform, accountId, ...credentialVersion, ...(c.platformCampaignId ? { platformCampaignId: c.platformCampaignId } : {}), ...(spec ? { spec } : {}) });
      return send('launch.record_mutation_outcome', { mutationId: mutation.mutationId, result }, 'outcome', mutation.mutationId);
    }
    case 'request': {
      const { campaign: c, action, reason } = step;
      const attempt = c.lastFailure && c.lastFailure.action === action && c.lastFailure.reason === reason ? c.lastFailure.attempt + 1 : 1;
      return send('launch.request_mutation', { platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, action, reason }, 'request', x?.mutations ?? 0, c.logicalCampaignKey, action, reason, attempt);
    }
    case 'ask_for_creatives': {
      const { campaign: c, lineItemIds } = step;
      const message = `Line item(s) ${lineItemIds.join(', ')} of campaign ${c.logicalCampaignKey} have no creative asset or landing page: upload them, then retry`;
      return send('launch.open_touchpoint', { platform: c.platform, logicalCampaignKey: c.logicalCampaignKey, message, lineItemIds }, 'touchpoint', Object.keys(x?.touchpoints ?? {}).length, c.logicalCampaignKey);
    }
    case 'complete':
      return send('launch.complete', {}, 'complete');
    case 'escalate':
      return send('launch.escalate', { kind: step.escalation }, 'escalate', step.escalation);
    case 'close_touchpoint':
      return send('launch.resolve_touchpoint', { touchpointId: step.touchpointId, resolution: 'skip', note: 'The version was rolled back, so this no longer waits for anyone' }, 'close-touchpoint', step.touchpointId);
    case 'complete_resume':
      return send('launch.complete_resume', {}, 'resumed', x?.mutations ?? 0);
    case 'supersede_predecessors': {
      // Every earlier version of the plan is asked; those never launched, or already taken
      // back, answer that there is nothing to pause, and are not listed.
      const superseded: number[] = [];
      for (const { version: v } of ctx.plan.versions.filter((pv) => pv.version < ref.version)) {
        const done = await sendCommand(w, { type: 'launch.supersede', tenantId: ref.tenantId, commandId: commandIdFor(stream, 'supersede', v), data: { planId: ref.planId, version: v, byVersion: ref.version }, actor: launchSagaActor });
        if (isDomainError(done)) {
          if (done.code !== 'launch.not_launched') return done;
        } else if (done.events.length > 0) superseded.push(v);
      }
      return send('launch.record_predecessors_superseded', { versions: superseded }, 'superseded');
    }
    case 'complete_rollback': {
      const resumable = await resumableVersion(deps, ref);
      if (isDomainError(resumable)) return resumable;
      if (resumable !== undefined) {
        const offered = await sendCommand(w, { type: 'launch.offer_resume', tenantId: ref.tenantId, commandId: commandIdFor(stream, 'offer-resume', resumable), data: { planId: ref.planId, version: resumable, byRollbackOf: ref.version }, actor: launchSagaActor });
        if (isDomainError(offered)) return offered;
      }
      return send('launch.complete_rollback', resumable === undefined ? {} : { resumableVersion: resumable }, 'rolled-back');
    }
  }
}

// The latest earlier version this one superseded: the one a rollback may hand back to.
async function resumableVersion(deps: WorkerDeps, ref: LaunchRef): Promise<number | undefined | DomainError> {
  for (let v = ref.version - 1; v >= 1; v--) {
    const earlier = await loadStream(deps.w.store, launchStream(ref.tenantId, ref.planId, v), launchAggregate, deps.w.folds.launch);
    if (isDomainError(earlier)) return earlier;
    if (earlier.state.execution?.supersededBy === ref.version && earlier.state.status === 'requested') return v;
  }
  return undefined;
}
