// The Meta adapter against a real ad account (META_ACCESS_TOKEN, META_AD_ACCOUNT_ID,
// META_PAGE_ID). Meta takes no injected faults, so failNext is a shim around the port that
// answers the next call of that operation with the fault's error (a lost answer: the call
// runs, then its answer is replaced). Creation counts come from the key's ad label.
import { idempotencyLabel } from '../../connectors/platforms/idempotencyLabel.ts';
import { openGraph } from '../../connectors/platforms/meta/graph.ts';
import { openMetaPlatform } from '../../connectors/platforms/meta/platform.ts';
import { ALL_STATUSES } from '../../connectors/platforms/meta/reads.ts';
import { failed, platformError, type PlatformPort } from '../../connectors/platforms/port.ts';
import type { ContractFault, PlatformUnderTest } from '../contract/platforms.ts';
import { pointSdkAt } from './metaPlatformUnderTest.ts';

export function realMetaUnderTest(): Promise<PlatformUnderTest> {
  const { META_ACCESS_TOKEN: accessToken = '', META_AD_ACCOUNT_ID: accountId = '', META_PAGE_ID: pageId = '' } = process.env;
  pointSdkAt(undefined); // the real graph.facebook.com, whatever a local suite set before
  const graph = openGraph({ accessToken, retryDelaysMs: [1000, 2000, 4000], usageThresholdPercent: 75, slowdownMs: 2000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now });
  const armed = new Map<string, ContractFault>();
  const shim = (port: PlatformPort): PlatformPort =>
    new Proxy(port, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return async (...args: unknown[]) => {
          const fault = armed.get(prop);
          armed.delete(prop);
          if (fault?.kind === 'rate_limited') return failed(platformError('platform.rate_limited', 'injected by the real-account harness', { retryAfterMs: fault.retryAfterMs }));
          if (fault?.kind === 'unavailable') return failed(platformError('platform.unavailable', 'injected by the real-account harness'));
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          return fault?.kind === 'lost_response' ? failed(platformError('platform.unavailable', 'answer dropped by the real-account harness')) : result;
        };
      },
    });
  const open = () => shim(openMetaPlatform({ accessToken, pageId }));
  const opened = [open()];
  return Promise.resolve({
    port: opened[0]!,
    platform: 'meta',
    accountId,
    creations: async (key) => {
      const label = idempotencyLabel(key);
      const found = await graph.all([accountId, 'campaigns'], { fields: 'id', filtering: [{ field: 'adlabels', operator: 'ANY', value: [label] }], effective_status: ALL_STATUSES });
      if (!found.ok) throw new Error(`counting campaigns failed: ${found.error.message}`);
      return found.value.length;
    },
    editByHand: async (ref, edit) => {
      const status = edit.status && { enabled: 'ACTIVE', paused: 'PAUSED', removed: 'DELETED' }[edit.status];
      const done = await graph.update([ref.campaignId], { ...(edit.name ? { name: edit.name } : {}), ...(status ? { status } : {}) });
      if (!done.ok) throw new Error(`hand edit failed: ${done.error.message}`);
      if (edit.budgetMicros !== undefined) {
        const sets = await graph.all([ref.campaignId, 'adsets'], { fields: 'id,daily_budget' });
        if (!sets.ok) throw new Error(`hand edit failed: ${sets.error.message}`);
        for (const s of sets.value) await graph.update([String(s.id)], { [Number(s.daily_budget) > 0 ? 'daily_budget' : 'lifetime_budget']: edit.budgetMicros / 10_000 / sets.value.length });
      }
    },
    failNext: (operation, fault) => void armed.set(operation, fault),
    reopen: async () => {
      const again = open();
      opened.push(again);
      return again;
    },
    close: async () => {
      for (const port of opened) await port.close();
    },
  });
}
