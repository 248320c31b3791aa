// The reporting warehouse (DESIGN §2, §6): where the reporting projection writes DESIGN §6's
// tables and the API reads them, DuckDB embedded, BigQuery in production. Like the document
// store, tables have generations: a rebuild loads generation g+1 beside the live g, and
// `activate` switches readers over. Every load is an upsert on the table's row key
// (tables.ts), so replaying a batch (a crash before its checkpoint, a rebuild, a re-sync)
// never doubles a row. Caller mistakes come back as DomainError values; a warehouse that
// cannot serve now throws a StoreFault (domain/shared/storeFaults.ts).
import type { DomainError } from '../../domain/shared/errors.ts';
import type { TableName } from './tables.ts';

export type Cell = string | number | boolean | null;
// Column name to value; dates 'YYYY-MM-DD', timestamps ISO 8601, integers as numbers.
export type Row = Readonly<Record<string, Cell>>;

export interface RowsQuery {
  readonly from?: string; // inclusive, on the table's date column
  readonly to?: string; // inclusive
  readonly platform?: string; // tables with a platform column
  readonly limit?: number; // default 1000, at most 10000; ordered by the row key
}

export interface DailyTotal {
  readonly date: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly spend_micros: number;
  readonly conversions: number;
  readonly revenue_micros: number;
  readonly rows: number;
}

// Sums of ads_daily_performance over a group, all integers: money in micros, conversions in
// millionths (each row's FLOAT64 rounded to millionths before adding, so both adapters add the
// same integers and ratios come from exact totals, never from a mean of per-row ratios).
export interface GroupTotals {
  readonly impressions: number;
  readonly clicks: number;
  readonly spend_micros: number;
  readonly conversions_millionths: number;
  readonly revenue_micros: number;
  readonly rows: number;
}

// What a group is keyed by; every group is also split by currency (money of two currencies
// never lands in one sum). Names are the greatest seen in the range (a rename shows one of them).
//   campaign: platform, account_id, account_name, campaign_id, campaign_name
//   ad:       the campaign's plus ad_group_id, ad_group_name, ad_id, ad_name
//   month:    month ('YYYY-MM')
//   currency: nothing else (a tenant's totals per currency)
export const AGGREGATE_BY = ['campaign', 'ad', 'month', 'currency'] as const;
export type AggregateBy = (typeof AGGREGATE_BY)[number];

export interface AggregateQuery {
  readonly by: AggregateBy;
  readonly from: string; // inclusive
  readonly to: string; // inclusive
  readonly platform?: string;
  readonly campaignId?: string;
  readonly limit?: number; // groups; default 1000, at most 10000
}

export interface AggregateRow extends GroupTotals {
  readonly key: Readonly<Record<string, string | null>>; // the columns `by` names, as above
  readonly currency: string;
}

// A tenant that has rows, per currency: its span of dates and its totals.
export interface TenantData extends GroupTotals {
  readonly tenant_id: string;
  readonly currency: string;
  readonly first_date: string;
  readonly last_date: string;
}

export interface Warehouse {
  readonly name: string;
  // Creates the tables of a generation (and the warehouse's own bookkeeping); safe to repeat.
  prepare(generation: number): Promise<void | DomainError>;
  // Inserts or replaces by row key; rows sharing a key in one call: the last wins. A call is
  // checked whole before anything is written. DuckDB writes it in one transaction; BigQuery
  // in bounded batches, each one MERGE, so a call retried after a failure converges.
  upsertRows(table: TableName, generation: number, rows: readonly Row[]): Promise<{ readonly upserted: number } | DomainError>;

  // The projection's position in the log for a generation, kept in the warehouse. Written
  // after the rows it covers; it only moves forward.
  checkpoint(generation: number): Promise<bigint | undefined>;
  setCheckpoint(generation: number, position: bigint): Promise<void>;

  activeGeneration(): Promise<number>; // 1 until a generation is activated
  activate(generation: number): Promise<void | DomainError>; // readers switch at once
  dropGeneration(generation: number): Promise<void | DomainError>; // never the live one

  // Reads of the active generation, always for one tenant (row-level isolation).
  rows(table: TableName, tenantId: string, query?: RowsQuery): Promise<readonly Row[] | DomainError>;
  dailyTotals(tenantId: string, from: string, to: string, options?: { readonly platform?: string }): Promise<readonly DailyTotal[] | DomainError>;
  // Sums per group (see AggregateBy), ordered: campaign and ad by spend descending, month and
  // currency ascending; ties by the group's key.
  aggregate(tenantId: string, query: AggregateQuery): Promise<readonly AggregateRow[] | DomainError>;
  // The tenants among `tenantIds` that have rows (undefined: every tenant, for agency-wide
  // scope, as a document filter of {} is), ordered by tenant then currency.
  tenantsWithData(tenantIds?: readonly string[]): Promise<readonly TenantData[] | DomainError>;

  // Readiness: a small real write; rejects when the warehouse cannot take writes now.
  probe(): Promise<void>;
  close(): Promise<void>;
}

export type WarehouseReader = Pick<Warehouse, 'rows' | 'dailyTotals' | 'aggregate' | 'tenantsWithData'>;
