import type { DocumentStore } from './port.ts';
import { storeFault, type FaultClass } from '../../domain/shared/storeFaults.ts';

// Every method of a document store adapter, with the driver's store errors (disk full,
// locked, lost connection…) turned into one StoreFault of the 'document store' port, so the
// API answers 503 and the projector retries, whatever the adapter. Caller mistakes
// (query.invalid…) and bugs pass through unchanged.
export function guardedDocumentStore(store: DocumentStore, classify: (error: unknown) => FaultClass): DocumentStore {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(store)) {
    if (typeof member !== 'function') {
      guarded[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(store, args);
      } catch (error) {
        const fault = classify(error);
        throw fault ? storeFault('document store', error, fault === 'busy') : error;
      }
    };
  }
  return guarded as unknown as DocumentStore;
}
