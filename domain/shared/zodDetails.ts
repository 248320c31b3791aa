import type { z } from 'zod';

// The `details` of a 400: one entry per problem, naming the field by its path.
export function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}
