import type { Projection } from './projection.ts';
import { approvalsQueue } from './approvalsQueue.ts';
import { auditTimeline } from './auditTimeline.ts';
import { campaigns } from './campaigns.ts';
import { launches } from './launches.ts';
import { plans } from './plans.ts';
import { planVersions } from './planVersions.ts';
import { tenants } from './tenants.ts';

// Every projection the runtime runs; each owns the collection of its name.
export const allProjections: readonly Projection[] = [tenants, plans, planVersions, approvalsQueue, launches, campaigns, auditTimeline];
