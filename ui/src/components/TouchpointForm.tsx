import { useState } from 'preact/hooks';
import { formatDateTime, words } from '../format.ts';
import { useCommand } from '../useCommand.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';

type Props = {
  readonly tenantId: string;
  readonly planId: string;
  readonly version: number;
  readonly touchpointId: string;
  readonly kind: 'policy_disapproval' | 'creative_missing';
  readonly campaign: string;
  readonly message: string;
  readonly lineItemIds: readonly string[];
  readonly openedAt: string | undefined;
};

type Creative = { creativeAssetId: string; landingUrl: string };
// As the server's landingUrlSchema: an https URL of at most 2000 characters.
const httpsUrl = (u: string): boolean => {
  try {
    return u.trim().length <= 2000 && new URL(u.trim()).protocol === 'https:';
  } catch {
    return false;
  }
};

// An open touchpoint and the person's answer (launch.resolve_touchpoint): retry or skip with a
// note; for a missing creative, the creative asset and https landing page per line item.
export function TouchpointForm(p: Props) {
  const { run, busy, error } = useCommand();
  const [note, setNote] = useState('');
  const [creatives, setCreatives] = useState<Record<string, Creative>>({});
  const needsCreatives = p.kind === 'creative_missing';
  const creativeOf = (id: string): Creative => creatives[id] ?? { creativeAssetId: '', landingUrl: '' };
  const set = (id: string, change: Partial<Creative>) => setCreatives((all) => ({ ...all, [id]: { ...creativeOf(id), ...change } }));
  const noteError = note.trim().length < 3 ? 'At least 3 characters.' : undefined;
  const creativeErrors = (id: string) => ({
    asset: creativeOf(id).creativeAssetId.trim() ? undefined : 'Required to retry.',
    url: httpsUrl(creativeOf(id).landingUrl) ? undefined : 'An https:// address.',
  });
  const creativesOk = p.lineItemIds.every((id) => !creativeErrors(id).asset && !creativeErrors(id).url);

  const send = async (resolution: 'retry' | 'skip') => {
    const data: Record<string, unknown> = { planId: p.planId, version: p.version, touchpointId: p.touchpointId, resolution, note: note.trim() };
    if (resolution === 'retry' && needsCreatives) {
      data.creatives = p.lineItemIds.map((lineItemId) => ({ lineItemId, creativeAssetId: creativeOf(lineItemId).creativeAssetId.trim(), landingUrl: creativeOf(lineItemId).landingUrl.trim() }));
    }
    await run('launch.resolve_touchpoint', p.tenantId, data);
  };

  return (
    <form class="panel panel-inner stack" data-testid="touchpoint" data-touchpoint={p.touchpointId} onSubmit={(e) => e.preventDefault()}>
      <p>
        <strong>{words(p.kind)}</strong> on <code>{p.campaign}</code>: {p.message}
        {p.openedAt ? <span class="muted small"> · {formatDateTime(p.openedAt)}</span> : null}
      </p>
      {needsCreatives
        ? p.lineItemIds.map((id) => (
            <div class="grid-2" key={id}>
              <Field label={`Creative asset for line item ${id}`} error={creativeOf(id).creativeAssetId ? creativeErrors(id).asset : undefined}>
                <input value={creativeOf(id).creativeAssetId} onInput={(e) => set(id, { creativeAssetId: (e.target as HTMLInputElement).value })} data-testid="touchpoint-asset" />
              </Field>
              <Field label="Landing page (https)" error={creativeOf(id).landingUrl ? creativeErrors(id).url : undefined}>
                <input type="url" value={creativeOf(id).landingUrl} onInput={(e) => set(id, { landingUrl: (e.target as HTMLInputElement).value })} data-testid="touchpoint-url" />
              </Field>
            </div>
          ))
        : null}
      <Field label="Note (required)" error={note && noteError ? noteError : undefined} hint="Recorded in the audit trail.">
        <textarea rows={2} value={note} maxLength={2000} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} data-testid="touchpoint-note" />
      </Field>
      {error ? <ErrorMessage error={error} testId="touchpoint-error" /> : null}
      <div class="actions">
        <button type="button" class="button button-primary" disabled={busy || !!noteError || (needsCreatives && !creativesOk)} onClick={() => void send('retry')} data-testid="touchpoint-retry">
          {busy ? 'Sending…' : 'Retry'}
        </button>
        <button type="button" class="button" disabled={busy || !!noteError} onClick={() => void send('skip')} data-testid="touchpoint-skip">
          Skip this campaign
        </button>
      </div>
    </form>
  );
}
