// The spec's scheduled workflows (§8.1), in one place: name, cron and what each is for. The
// time zone is configuration (SCHEDULE_TIMEZONE). What a workflow runs is handed in: a
// workflow without a task is not scheduled at all, rather than scheduled to do nothing.
import type { DomainError } from '../../domain/shared/errors.ts';

export const workflowSchedules = {
  'daily-sync-all-tenants': { cron: '0 8 * * *', description: 'Sync every tenant with linked accounts at 08:00 daily' },
  'weekly-report-tenant': { cron: '0 9 * * 1', description: 'Weekly analysis of each tenant, Monday 09:00' },
  'monthly-summary-tenant': { cron: '0 10 1 * *', description: 'Monthly executive summary of each tenant, the 1st at 10:00' },
  'cross-tenant-overview': { cron: '0 11 * * 1', description: 'Agency-wide overview, Monday 11:00' },
} as const;
export type WorkflowName = keyof typeof workflowSchedules;

// One run of a workflow for one slot. `runId` is the slot's own id, for the task's audit records.
export interface SlotRun {
  readonly workflow: string;
  readonly slot: Date;
  readonly runId: string;
}
export type WorkflowTask = (run: SlotRun) => Promise<{ readonly summary: string } | DomainError>;

export interface ScheduledWorkflow {
  readonly name: string;
  readonly cron: string;
  readonly timezone: string;
  readonly run: WorkflowTask;
}

export function scheduledWorkflows(timezone: string, tasks: Partial<Record<WorkflowName, WorkflowTask>>): ScheduledWorkflow[] {
  return Object.entries(workflowSchedules).flatMap(([name, { cron }]) => {
    const run = tasks[name as WorkflowName];
    return run ? [{ name, cron, timezone, run }] : [];
  });
}
