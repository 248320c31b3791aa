import type { z } from 'zod';

// One problem of a rejected input, naming the field by its path: the `details` of a 400,
// of a websocket `message.invalid`, and the lines the CLI and the config loader print.
export type ZodDetail = { readonly path: string; readonly message: string };

export function zodDetails(error: z.ZodError): ZodDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}
