// The shapes the console reads, taken from the read-model and protocol definitions
// themselves (type-only: nothing of the server is bundled), so a field is named once.
import type { LineItem } from '../../domain/plan/events.ts';
import type { Platform } from '../../domain/shared/values.ts';

export type { ApprovalItemDoc, ApprovalKind } from '../../projections/definitions/approvalsQueue.ts';
export type { PlanDoc, VersionSummary } from '../../projections/definitions/plans.ts';
export type { PlanVersionDoc } from '../../projections/definitions/planVersions.ts';
export type { PlanDiff, FieldChange, LineItemChange, Value } from '../../projections/definitions/planDiff.ts';
export type { LaunchDoc, PlatformManifest } from '../../projections/definitions/launches.ts';
export type { TenantDoc } from '../../projections/definitions/tenants.ts';
export type { AuditEntryDoc } from '../../projections/definitions/auditTimeline.ts';
export type { LaunchBlockReason } from '../../domain/launch/events.ts';
export type { ParkedEvent } from '../../readmodels/documents/port.ts';
export type { Channel, ServerMessage, ClientMessage } from '../../api/ws/protocol.ts';
export type { Principal as User } from '../../api/auth/principal.ts';
export type { UserRole } from '../../domain/shared/roles.ts';
export type { LineItem, Platform };

// Every list query answers a page of documents and, when there is more, a cursor.
export type Page<T> = { readonly docs: readonly T[]; readonly cursor?: string };

export type LoginResult = { readonly token: string; readonly expiresAt: string; readonly user: import('../../api/auth/principal.ts').Principal };

export type CommandResult = {
  readonly commandId: string;
  readonly stream: string;
  readonly events: readonly { eventId: string; type: string; revision: string | number; data: unknown }[];
  readonly nextExpectedRevision: string | number;
  readonly position: string | number;
  readonly duplicate: boolean;
};

export type DiffResult = { readonly from: number; readonly to: number; readonly diff: import('../../projections/definitions/planDiff.ts').PlanDiff };

export type StreamState = { readonly stream: string; readonly state: unknown; readonly revision: string | number; readonly [key: string]: unknown };

// One row of GET /api/ops/projections and of the ops channel (projections/runtime/projector.ts
// ProjectorStatus plus rebuild progress); written here so the console does not pull the runtime in.
export type RebuildProgress = {
  readonly phase: 'filling' | 'switching' | 'done' | string;
  readonly done: string | number;
  readonly total: string | number;
  readonly eventsPerSecond: number;
  readonly etaSeconds: number | null;
  readonly generation?: number;
};
export type ProjectionStatus = {
  readonly name: string;
  readonly state: string;
  readonly generation: number;
  readonly position: string;
  readonly head: string;
  readonly lagEvents: number | null;
  readonly lagMs: number;
  readonly rate?: number;
  readonly eventsPerSecond?: number;
  readonly parked: number;
  readonly lastError?: string;
  readonly rebuild?: RebuildProgress;
};
export type OpsStatus = { readonly projections: readonly ProjectionStatus[]; readonly parked: readonly import('../../readmodels/documents/port.ts').ParkedEvent[] };
