export * from './events.ts';
export * from './commands.ts';
export * from './state.ts';
export * from './rules.ts';
export * from './contentHash.ts';
export * from './decide.ts';
export * from './decider.ts';
