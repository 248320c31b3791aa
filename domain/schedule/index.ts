// The schedule aggregate: which slots of each scheduled workflow were claimed and how they ended.
export * from './events.ts';
export * from './decider.ts';
