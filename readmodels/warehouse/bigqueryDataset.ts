// The BigQuery adapter's dataset and tables: created when missing (another instance racing
// to create one is a 409, which means it is there), remembered once seen so a load costs one
// MERGE and not a metadata call too. Another instance's drop is found out by the next
// statement failing (404), never by serving rows from a table that is gone.
import type { BigQuery } from '@google-cloud/bigquery';
import { bookkeepingTables } from './bigquerySql.ts';

const isCode = (error: unknown, code: number) => (error as { code?: unknown } | undefined)?.code === code;
const unlessThere = (e: unknown) => {
  if (!isCode(e, 409)) throw e;
};

export function datasetTables(bq: BigQuery, options: { readonly dataset: string; readonly location?: string }, retry: <T>(work: () => Promise<T>) => Promise<T>) {
  const dataset = bq.dataset(options.dataset, options.location ? { location: options.location } : {});
  const known = new Set<string>();
  const exists = async (table: string): Promise<boolean> => {
    if (known.has(table)) return true;
    const [there] = await retry(() => dataset.table(table).exists());
    if (there) known.add(table);
    return there;
  };
  const create = async (table: string, metadata: object): Promise<void> => {
    if (await exists(table)) return;
    await retry(() => dataset.createTable(table, metadata)).catch(unlessThere);
    known.add(table);
  };
  let ready = false;
  return {
    exists,
    create,
    async drop(table: string): Promise<void> {
      known.delete(table);
      await retry(() => dataset.table(table).delete({ ignoreNotFound: true }));
    },
    // The dataset and the warehouse's own tables (checkpoints, generations, probe).
    async ensureDataset(): Promise<void> {
      if (ready) return;
      const [there] = await retry(() => dataset.exists());
      if (!there) await retry(() => dataset.create()).catch(unlessThere);
      for (const [name, metadata] of Object.entries(bookkeepingTables)) await create(name, metadata);
      ready = true;
    },
  };
}
