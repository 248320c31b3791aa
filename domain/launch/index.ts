export * from './events.ts';
export * from './commands.ts';
export * from './state.ts';
export * from './gate.ts';
export * from './manifest.ts';
export * from './decide.ts';
export * from './decider.ts';
