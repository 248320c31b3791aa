import { formatDateTime } from '../format.ts';
import { plural, rollbackView } from '../launchView.ts';
import type { LaunchDoc } from '../types.ts';

// A rollback as far as the log has recorded it: requested (and how far the saga is), then,
// only once launch.rolled_back is recorded, what was paused or removed and what failed.
export function RollbackPanel({ doc, action }: { readonly doc: LaunchDoc; readonly action: 'pause' | 'remove' | undefined }) {
  const view = rollbackView(doc);
  if (view.stage === 'none' || !doc.rollback) return null;
  const verb = action === 'remove' ? 'removing' : 'pausing';
  return (
    <section class="panel panel-warning" aria-labelledby="rollback-title" data-testid="rollback-panel" data-stage={view.stage}>
      <h2 id="rollback-title" class="panel-title">
        {view.stage === 'done' ? 'Rolled back' : 'Rollback requested'}
      </h2>
      <p>
        <strong>{doc.rollback.by}</strong> on {formatDateTime(doc.rollback.at)}: “{doc.rollback.reason}”
      </p>
      {view.stage === 'requested' ? (
        <p data-testid="rollback-progress">
          {view.toTakeBack === 0
            ? 'Rollback requested — no campaign of this version was created on a platform, so there is nothing to take back.'
            : `Rollback requested — ${verb} ${plural(view.toTakeBack, 'campaign')}… ${view.done} of ${view.toTakeBack} confirmed by the platform so far${view.failed ? `, ${view.failed} refused` : ''}.`}
        </p>
      ) : (
        <div data-testid="rollback-result">
          <p>
            {formatDateTime(view.at)}: {plural(view.taken.length, 'campaign')} {view.action === 'pause' ? 'paused' : 'removed'}
            {view.taken.length > 0 ? (
              <>
                {' '}
                ({view.taken.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ', ' : ''}
                    <code>{id}</code>
                  </span>
                ))})
              </>
            ) : null}
            . The history stays.
          </p>
          {view.failed.length > 0 ? (
            <ul class="plain-list text-danger">
              {view.failed.map((f) => (
                <li key={f.id}>
                  <code>{f.id}</code> could not be {view.action === 'pause' ? 'paused' : 'removed'}: {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </section>
  );
}
