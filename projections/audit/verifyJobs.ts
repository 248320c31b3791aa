// Verifications run in the background, one at a time per scope: a second request for the
// same scope joins the running job instead of starting another walk over the log. Finished
// jobs are kept (the newest few) so their callers can poll for the report.
import { randomUUID } from 'node:crypto';
import type { ChainReport } from './chainBreaks.ts';

export interface VerifyJob {
  readonly id: string;
  readonly scope: string; // a tenant id, or '*' for every tenant
  readonly status: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly report?: ChainReport;
  readonly error?: string;
}

export interface VerifyJobs {
  start(scope: string): VerifyJob;
  get(id: string): VerifyJob | undefined;
  // The job once finished, or as it stands after `ms`.
  settle(id: string, ms: number): Promise<VerifyJob>;
}

export function verifyJobs(run: (scope: string) => Promise<ChainReport>, options: { keep?: number; onError?: (error: unknown) => void } = {}): VerifyJobs {
  const jobs = new Map<string, VerifyJob>();
  const running = new Map<string, { id: string; done: Promise<void> }>();
  const keep = options.keep ?? 20;
  const finish = (job: VerifyJob, outcome: Partial<VerifyJob>) => {
    jobs.set(job.id, { ...job, ...outcome, finishedAt: new Date().toISOString() });
    running.delete(job.scope);
    for (const id of jobs.keys()) if (jobs.size > keep && jobs.get(id)!.status !== 'running') jobs.delete(id);
  };
  return {
    start(scope) {
      const current = running.get(scope);
      if (current) return jobs.get(current.id)!;
      const job: VerifyJob = { id: randomUUID(), scope, status: 'running', startedAt: new Date().toISOString() };
      jobs.set(job.id, job);
      const done = run(scope).then(
        (report) => finish(job, { status: 'done', report }),
        (error: unknown) => {
          options.onError?.(error);
          finish(job, { status: 'failed', error: 'The verification stopped: a store could not be read; try again' });
        },
      );
      running.set(scope, { id: job.id, done });
      return job;
    },
    get: (id) => jobs.get(id),
    async settle(id, ms) {
      const job = jobs.get(id);
      const inFlight = job && running.get(job.scope);
      if (inFlight?.id === id) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([inFlight.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
        clearTimeout(timer);
      }
      return jobs.get(id)!;
    },
  };
}
