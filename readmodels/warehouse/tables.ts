// DESIGN §6's reporting tables, written once for every adapter: columns with their types,
// each table's row key (what a load MERGEs on, so a rebuild or a re-sync never doubles a row),
// and BigQuery's partitioning and clustering.
//
// Types: dates are DATE ('YYYY-MM-DD', the tenant's local reporting day); instants are
// TIMESTAMP (ISO strings in and out). Money is integer micros (INT64, the domain's unit, exact,
// what sums are taken over), plus `spend`/`revenue` as NUMERIC (DuckDB DECIMAL(18,6)), which the
// adapter derives from the micros, for people writing SQL. Ratios are FLOAT64 and null when their
// denominator is 0. Integers travel as JS numbers: micros stay exact up to 2^53 (9e9 units).
export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'NUMERIC' | 'BOOL' | 'DATE' | 'TIMESTAMP';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean; // NOT NULL (every key column is)
  readonly fromMicros?: string; // NUMERIC written by the adapter as this micros column / 1e6
}

export interface TableSpec {
  readonly name: TableName;
  readonly columns: readonly Column[];
  readonly key: readonly string[];
  readonly date: string; // the column reads filter by, and BigQuery partitions by day on
  readonly cluster: readonly string[];
  // A later load that changes one of `compare` sets `flag` (a re-sync restating a day).
  readonly restated?: { readonly flag: string; readonly compare: readonly string[] };
}

export const TABLE_NAMES = ['ads_daily_performance', 'ledger_events', 'approvals', 'campaign_changes'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const s = (name: string, required = false): Column => ({ name, type: 'STRING', required });
const i = (name: string, required = false): Column => ({ name, type: 'INT64', required });
const f = (name: string): Column => ({ name, type: 'FLOAT64' });
const ts = (name: string, required = false): Column => ({ name, type: 'TIMESTAMP', required });

const metrics = ['impressions', 'reach', 'clicks', 'spend_micros', 'conversions', 'revenue_micros'];

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  ads_daily_performance: {
    name: 'ads_daily_performance',
    columns: [
      s('tenant_id', true), s('platform', true), s('account_id', true), s('account_name'),
      s('campaign_id', true), s('campaign_name'), s('ad_group_id', true), s('ad_group_name'), s('ad_id', true), s('ad_name'),
      { name: 'date', type: 'DATE', required: true },
      i('impressions', true), i('reach'), i('clicks', true), i('spend_micros', true),
      { name: 'spend', type: 'NUMERIC', fromMicros: 'spend_micros' },
      f('conversions'), i('revenue_micros'), { name: 'revenue', type: 'NUMERIC', fromMicros: 'revenue_micros' },
      f('cpc'), f('cpm'), f('ctr'), f('cpa'), f('roas'),
      s('currency', true), s('attribution'), ts('synced_at', true), { name: 'restated', type: 'BOOL' },
    ],
    // Campaign-level rows use '' for ad_group_id and ad_id: key columns are never null.
    key: ['tenant_id', 'platform', 'account_id', 'campaign_id', 'ad_group_id', 'ad_id', 'date'],
    date: 'date',
    cluster: ['tenant_id', 'platform'],
    restated: { flag: 'restated', compare: metrics },
  },
  ledger_events: {
    name: 'ledger_events',
    columns: [
      s('event_id', true), s('tenant_id', true), s('stream', true), i('revision', true), i('position', true), s('type', true),
      ts('recorded_at', true), { name: 'recorded_date', type: 'DATE', required: true },
      s('actor_type'), s('actor_id'), s('actor_role'), s('command_id'), s('correlation_id'), s('causation_id'),
      i('schema_version'), s('data'), // data: the payload as canonical JSON
    ],
    key: ['event_id'],
    date: 'recorded_date',
    cluster: ['tenant_id', 'type'],
  },
  approvals: {
    name: 'approvals',
    columns: [
      s('tenant_id', true), s('plan_id', true), i('version', true), s('kind', true), // kind: plan_version | launch
      s('submitted_by'), ts('submitted_at'), { name: 'submitted_date', type: 'DATE', required: true },
      s('decided_by'), ts('decided_at'), s('decision'), s('reason'), i('latency_seconds'),
    ],
    key: ['tenant_id', 'plan_id', 'version', 'kind'],
    date: 'submitted_date',
    cluster: ['tenant_id', 'plan_id'],
  },
  campaign_changes: {
    name: 'campaign_changes',
    columns: [
      s('tenant_id', true), s('event_id', true), ts('recorded_at', true), { name: 'recorded_date', type: 'DATE', required: true },
      s('platform', true), s('plan_id'), i('version'), s('logical_campaign_key'), s('platform_campaign_id'),
      s('mutation_id'), s('action'), s('reason'), s('outcome'), s('platform_status'), s('error_code'),
    ],
    key: ['tenant_id', 'event_id'],
    date: 'recorded_date',
    cluster: ['tenant_id', 'platform'],
  },
};

export const isTableName = (name: string): name is TableName => (TABLE_NAMES as readonly string[]).includes(name);

// Generation g of a table lives in its own table; the checkpoint and the active generation
// live in the warehouse too, beside the rows.
export const tableOf = (name: TableName, generation: number): string => `${name}_g${generation}`;
export const CHECKPOINTS = 'warehouse_checkpoints';
export const GENERATIONS = 'warehouse_generations';
