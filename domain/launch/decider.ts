import type { Decider } from '../shared/decider.ts';
import type { LaunchCommand } from './commands.ts';
import type { LaunchContext } from './decide.ts';
import { decide } from './decide.ts';
import type { LaunchEvent } from './events.ts';
import type { LaunchState } from './state.ts';
import { evolve, initialState } from './state.ts';

export const launchDecider: Decider<LaunchState, LaunchCommand, LaunchEvent, LaunchContext> = { initialState, evolve, decide };
