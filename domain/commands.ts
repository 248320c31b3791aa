import type { z } from 'zod';
import { accessCommandSchemas, type AccessCommand } from './access/events.ts';
import { launchCommandSchemas } from './launch/commands.ts';
import { performanceCommandSchemas, type PerformanceCommand } from './performance/syncEvents.ts';
import type { LaunchCommand } from './launch/commands.ts';
import { planCommandSchemas } from './plan/commands.ts';
import { scheduleCommandSchemas, type ScheduleCommand } from './schedule/events.ts';
import type { PlanCommand } from './plan/commands.ts';
import { tenantCommandSchemas } from './tenant/commands.ts';
import type { TenantCommand } from './tenant/commands.ts';

// One table from command type to data schema, for the pipeline's validation step.
export const allCommandSchemas = { ...tenantCommandSchemas, ...planCommandSchemas, ...launchCommandSchemas, ...performanceCommandSchemas, ...scheduleCommandSchemas, ...accessCommandSchemas } satisfies Record<string, z.ZodType>;
export type AnyCommandType = keyof typeof allCommandSchemas;
export type AnyCommand = TenantCommand | PlanCommand | LaunchCommand | PerformanceCommand | ScheduleCommand | AccessCommand;

export const isCommandType = (type: string): type is AnyCommandType => Object.hasOwn(allCommandSchemas, type);
