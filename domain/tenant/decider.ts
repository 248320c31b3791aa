import type { Decider } from '../shared/decider.ts';
import type { TenantCommand } from './commands.ts';
import type { TenantContext } from './decide.ts';
import { decide } from './decide.ts';
import type { TenantEvent } from './events.ts';
import type { TenantState } from './state.ts';
import { evolve, initialState } from './state.ts';

export const tenantDecider: Decider<TenantState, TenantCommand, TenantEvent, TenantContext> = { initialState, evolve, decide };
