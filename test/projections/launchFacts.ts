// Launch events for projection specs, built by the domain itself (manifest from a real
// approved plan version), so their shapes are the ones the launch decider records.
import { launchManifest } from '../../domain/launch/manifest.ts';
import type { GivenEvent } from '../domain/given.ts';
import { approvedPlan, item, M } from '../domain/fixtures.ts';
import { TENANT } from '../domain/given.ts';

// Version 1 of plan q3: search and shopping on Google Ads, prospecting on Meta.
export const launchedVersion = approvedPlan(item('a'), item('b', { objective: 'catalog_sales', budgetMicros: 20 * M }), item('c', { platform: 'meta', budgetMicros: 25 * M })).versions[0]!;

const ref = { planId: 'q3', version: 1 };
export const reason = (code: string) => ({ code, message: `Because ${code.replace('launch.', '').replaceAll('_', ' ')}` });

export const blocked = (codes: readonly string[], actor = 'maria'): GivenEvent => ({ type: 'launch.blocked', data: { ...ref, reasons: codes.map(reason) }, actor });
export const launchApproved = (actor = 'ben', comment?: string): GivenEvent => ({ type: 'launch.approval_granted', data: { ...ref, ...(comment ? { comment } : {}) }, actor });
export const requested = (actor = 'maria'): GivenEvent => ({ type: 'launch.requested', data: { ...ref, ...launchManifest(TENANT, launchedVersion) }, actor });
export const rollbackRequested = (actor = 'ben'): GivenEvent => ({ type: 'launch.rollback_requested', data: { ...ref, reason: 'CPA doubled overnight' }, actor });
