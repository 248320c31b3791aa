// The access aggregate: who may sign in, per tenant scope, as admins changed it.
export * from './events.ts';
export * from './decide.ts';
