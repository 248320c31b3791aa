export * from './values.ts';
export * from './events.ts';
export * from './commands.ts';
export * from './state.ts';
export * from './decide.ts';
export * from './decider.ts';
export * from './credentials.ts';
