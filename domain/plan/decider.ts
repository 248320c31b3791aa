import type { Decider } from '../shared/decider.ts';
import type { PlanCommand } from './commands.ts';
import type { PlanContext } from './decide.ts';
import { decide } from './decide.ts';
import type { PlanEvent } from './events.ts';
import type { PlanState } from './state.ts';
import { evolve, initialState } from './state.ts';

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent, PlanContext> = { initialState, evolve, decide };
