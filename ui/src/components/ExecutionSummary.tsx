import { formatDateTime, platformName, words } from '../format.ts';
import { plural } from '../launchView.ts';
import type { LaunchDoc } from '../types.ts';
import { Badge } from './Badge.tsx';
import { KeyValues } from './KeyValues.tsx';

const outcomeTone = { live: 'success', partial: 'warning', failed: 'danger' } as const;

// How the launch stands as the saga recorded it: halted, completed (and how), superseded,
// resume offered or asked, escalations, and payer problems (the agency's, shown to it only).
export function ExecutionSummary({ doc, agency }: { readonly doc: LaunchDoc; readonly agency: boolean }) {
  const x = doc.execution;
  if (!x) return null;
  const d = doc.details;
  const items: [string, preact.ComponentChildren][] = [];
  items.push([
    x.completed ? 'Launch completed' : 'Launch',
    x.completed ? (
      <span data-testid="launch-outcome" data-outcome={x.completed.outcome}>
        <Badge tone={outcomeTone[x.completed.outcome]}>{words(x.completed.outcome)}</Badge> {formatDateTime(x.completed.at)}
        {x.completed.atomicRollback ? <div class="muted small">Atomic launch policy: what had gone live was taken back.</div> : null}
      </span>
    ) : (
      <span data-testid="launch-outcome" data-outcome="running">In progress · {plural(x.mutations, 'platform request')} so far</span>
    ),
  ]);
  if (x.halted) items.push(['Halted', <span class="text-danger" data-testid="launch-halted">{x.halted.message} ({x.halted.code}){d?.haltedAt ? ` · ${formatDateTime(d.haltedAt)}` : ''}</span>]);
  if (x.supersededBy) items.push(['Superseded', <span data-testid="launch-superseded">By version {x.supersededBy}: the saga pauses this version's campaigns; each campaign below shows what its platform confirmed.</span>]);
  if (x.resumeOffered || d?.resumeRequested) {
    items.push([
      'Resume',
      d?.resumeRequested ? `Requested by ${d.resumeRequested.by}, ${formatDateTime(d.resumeRequested.at)}: “${d.resumeRequested.reason}”` : `Offered: version ${d?.resumeOffered?.byRollbackOf ?? 'that superseded this one'} was rolled back.`,
    ]);
  }
  if (d?.resumed) items.push(['Resumed', `${formatDateTime(d.resumed.at)}: ${d.resumed.campaigns.filter((c) => !c.failed).length} of ${d.resumed.campaigns.length} campaign(s) enabled again`]);
  if (d && d.escalations.length > 0) {
    items.push([
      'Escalations',
      <ul class="plain-list" data-testid="launch-escalations">
        {d.escalations.map((e) => (
          <li key={e.kind + e.at}>
            <Badge tone="danger">{words(e.kind)}</Badge> {e.message} <span class="muted small">(due {formatDateTime(e.dueAt)})</span>
          </li>
        ))}
      </ul>,
    ]);
  }
  if (agency && d && d.payerProblems.length > 0) {
    items.push([
      'Payer problems',
      <ul class="plain-list" data-testid="launch-payer-problems">
        {d.payerProblems.map((p) => (
          <li key={p.logicalCampaignKey + p.at}>
            {platformName(p.platform)} account <code>{p.accountId}</code>: {p.message} <span class="muted small">(agency master billing)</span>
          </li>
        ))}
      </ul>,
    ]);
  }
  return <KeyValues items={items} />;
}
