import { z } from 'zod';
import type { CommandUnion } from '../shared/decider.ts';
import { idSchema } from '../streams.ts';
import { launchEventSchemas as events } from './events.ts';
import { executionCommandSchemas } from './executionCommands.ts';

export const launchCommandSchemas = {
  'launch.approve': events['launch.approval_granted'],
  'launch.request': z.strictObject({ planId: idSchema, version: z.number().int().positive() }),
  'launch.request_rollback': events['launch.rollback_requested'],
  ...executionCommandSchemas,
} satisfies Record<string, z.ZodType>;

export type LaunchCommandType = keyof typeof launchCommandSchemas;
export type LaunchCommand = CommandUnion<typeof launchCommandSchemas>;
