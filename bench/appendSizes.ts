// The append workloads bench/eventstore.ts measures and bench/limits.ts measures the raw
// limit of: one definition, so a limit is always taken over the same sizes as our figure.
export const appendSizeFlags = {
  'warm-up': { type: 'string', default: '5000' },
  'appends-one': { type: 'string', default: '5000' },
  'appends-many': { type: 'string', default: '200000' },
  'appends-random': { type: 'string', default: '100000' },
} as const;
