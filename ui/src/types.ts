// The shapes the console reads, taken from the read-model and protocol definitions
// themselves (type-only: nothing of the server is bundled), so a field is named once.
import type { LineItem } from '../../domain/plan/events.ts';
import type { Platform } from '../../domain/shared/values.ts';
import type { FindPage } from '../../readmodels/documents/port.ts';

export type { ApprovalItemDoc, ApprovalKind } from '../../projections/definitions/approvalsQueue.ts';
export type { PlanDoc, VersionSummary } from '../../projections/definitions/plans.ts';
export type { PlanVersionDoc } from '../../projections/definitions/planVersions.ts';
export type { PlanDiff, FieldChange, LineItemChange, Value } from '../../projections/definitions/planDiff.ts';
export type { LaunchDoc, PlatformManifest } from '../../projections/definitions/launches.ts';
export type { CampaignDoc } from '../../projections/definitions/campaigns.ts';
export type { TenantDoc } from '../../projections/definitions/tenants.ts';
export type { AuditEntryDoc } from '../../projections/definitions/auditTimeline.ts';
export type { LaunchBlockReason } from '../../domain/launch/events.ts';
export type { ParkedEvent } from '../../readmodels/documents/port.ts';
export type { Channel, ServerMessage, ClientMessage } from '../../api/ws/protocol.ts';
export type { Principal as User } from '../../api/auth/principal.ts';
export type { UserRole } from '../../domain/shared/roles.ts';
export type { LineItem, Platform };

// Every list query answers a page of documents and, when there is more, a cursor.
export type Page<T> = Omit<FindPage, 'docs'> & { readonly docs: readonly T[] };

// What the API answers, as the server types it (type-only: nothing of it is bundled).
export type { LoginAnswer as LoginResult } from '../../api/routes/auth.ts';
export type { CommandResult } from '../../commands/result.ts';
export type { StreamStateAnswer as StreamState } from '../../api/routes/streams.ts';
export type { OpsAnswer as OpsStatus } from '../../api/routes/ops.ts';
export type { ProjectionStatus } from '../../projections/runtime/daemon.ts';
export type { RebuildProgress } from '../../projections/runtime/rebuild.ts';

export type DiffResult = { readonly from: number; readonly to: number; readonly diff: import('../../projections/definitions/planDiff.ts').PlanDiff };
