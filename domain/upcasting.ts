import { lineItemAddedV1ToV2 } from './plan/upcasters.ts';

export interface StoredEventData {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

type Upcaster = (data: unknown) => unknown;

// upcasters[type][n] turns version n into n + 1; the current version of a type is one past
// its last upcaster. Old events are upcast on read, never rewritten in the log.
const upcasters: Readonly<Record<string, readonly Upcaster[]>> = {
  'plan.line_item_added': [lineItemAddedV1ToV2],
};

export const currentSchemaVersion = (type: string): number => (upcasters[type]?.length ?? 0) + 1;

// Events newer than this code (schemaVersion above current) pass through untouched; the
// event schema then decides whether they can be read.
export function upcast(event: StoredEventData): StoredEventData {
  const chain = upcasters[event.type] ?? [];
  let { schemaVersion, data } = event;
  for (; schemaVersion <= chain.length; schemaVersion++) {
    const step = chain[schemaVersion - 1];
    if (step) data = step(data);
  }
  return { type: event.type, schemaVersion, data };
}
