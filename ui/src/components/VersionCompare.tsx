import { diffPlanContent } from '../../../projections/definitions/planDiff.ts';
import { fetchDiff, fetchVersion } from '../api.ts';
import { useResource } from '../data.ts';
import type { PlanDiff, PlanVersionDoc } from '../types.ts';
import { DiffView } from './DiffView.tsx';
import { ErrorState, Loading } from './States.tsx';

type Loaded = { readonly from: PlanVersionDoc | null; readonly to: PlanVersionDoc; readonly diff: PlanDiff };

// Two versions of a plan side by side. `from` null compares with nothing (the first version).
// The diff the projection stored is used when it compares the same pair; otherwise the API
// computes it.
export function VersionCompare({ tenantId, planId, from, to }: { readonly tenantId: string; readonly planId: string; readonly from: number | null; readonly to: number }) {
  const data = useResource<Loaded>(async () => {
    const [toDoc, fromDoc] = await Promise.all([fetchVersion(tenantId, planId, to), from === null ? Promise.resolve(null) : fetchVersion(tenantId, planId, from)]);
    const diff =
      toDoc.diffAgainst === from
        ? toDoc.diff
        : from === null
          ? diffPlanContent(undefined, toDoc.content) // against nothing: the same pure function the projection uses
          : (await fetchDiff(tenantId, planId, from, to)).diff;
    return { from: fromDoc, to: toDoc, diff };
  }, [tenantId, planId, from, to]);

  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading label="Loading versions…" />;
  const { from: fromDoc, to: toDoc, diff } = data.data;
  return (
    <DiffView
      diff={diff}
      fromLabel={fromDoc ? `Version ${fromDoc.version}` : 'Before'}
      toLabel={`Version ${toDoc.version}`}
      from={fromDoc ? fromDoc.content : null}
      to={toDoc.content}
    />
  );
}
