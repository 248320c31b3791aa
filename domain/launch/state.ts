import type { DomainEvent } from '../shared/envelope.ts';
import type { LaunchBlockReason, LaunchEvent, LaunchManifest } from './events.ts';
import { evolveExecution, isExecutionEvent, startExecution, type Execution } from './execution.ts';

export interface LaunchApproval {
  readonly by: string;
  readonly at: string;
  readonly comment?: string;
}

export interface LaunchState {
  // `blocked` is not final: a later request is decided afresh against the gate.
  readonly status: 'none' | 'blocked' | 'requested' | 'rollback_requested';
  readonly approvals: readonly LaunchApproval[];
  readonly lastBlockReasons: readonly LaunchBlockReason[];
  readonly manifest: LaunchManifest | undefined;
  readonly rollbackReason: string | undefined;
  // From the launch request on: what the saga did with the manifest (execution.ts).
  readonly execution: Execution | undefined;
}

export const initialState: LaunchState = {
  status: 'none',
  approvals: [],
  lastBlockReasons: [],
  manifest: undefined,
  rollbackReason: undefined,
  execution: undefined,
};

export function evolve(launch: LaunchState, event: DomainEvent<LaunchEvent>): LaunchState {
  if (isExecutionEvent(event)) return launch.execution ? { ...launch, execution: evolveExecution(launch.execution, event) } : launch;
  switch (event.type) {
    case 'launch.approval_granted': {
      const { actor, recordedAt } = event.metadata;
      const { comment } = event.data;
      const approval = { by: actor.id, at: recordedAt, ...(comment === undefined ? {} : { comment }) };
      return { ...launch, approvals: [...launch.approvals, approval] };
    }
    case 'launch.requested': {
      const { contentHash, currency, platforms, campaigns } = event.data;
      const manifest = { contentHash, currency, platforms, campaigns };
      return { ...launch, status: 'requested', manifest, execution: startExecution(manifest, event.metadata.recordedAt) };
    }
    case 'launch.blocked':
      return { ...launch, status: 'blocked', lastBlockReasons: event.data.reasons };
    case 'launch.rollback_requested':
      return { ...launch, status: 'rollback_requested', rollbackReason: event.data.reason };
  }
}
