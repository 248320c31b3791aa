// Rows for the warehouse contract: one of each table, as the reporting projection would write
// them, with the values a reader must get back (NUMERIC derived from micros, ISO timestamps).
import type { Row } from '../../readmodels/warehouse/port.ts';

export function perf(tenant: string, overrides: Record<string, string | number | boolean | null> = {}): Row {
  return {
    tenant_id: tenant, platform: 'meta', account_id: 'act_1', account_name: 'Main', campaign_id: 'c1', campaign_name: 'kobi_t_meta_sales_v1',
    ad_group_id: 'as1', ad_group_name: 'Ad set 1', ad_id: 'ad1', ad_name: 'Ad 1', date: '2026-11-01',
    impressions: 1000, reach: 800, clicks: 20, spend_micros: 12_345_678, conversions: 2.5, revenue_micros: 50_000_000,
    cpc: 0.617, cpm: 12.345678, ctr: 2, cpa: 4.938, roas: 4.05, currency: 'EUR', attribution: '7d_click,1d_view',
    synced_at: '2026-11-02T06:00:00.000Z', restated: false, ...overrides,
  };
}

// What a reader gets for perf(): every column, the decimals derived from the micros.
export const read = (row: Row): Row => {
  const micros = (v: unknown) => (typeof v === 'number' ? `${Math.floor(v / 1e6)}.${String(v % 1e6).padStart(6, '0')}` : null);
  return row.spend_micros === undefined ? row : { ...row, spend: micros(row.spend_micros), revenue: micros(row.revenue_micros) };
};

export const ledgerEvent = (tenant: string, eventId: string, position: number): Row => ({
  event_id: eventId, tenant_id: tenant, stream: `plan-${tenant}.p1`, revision: position - 1, position, type: 'plan.version_submitted',
  recorded_at: '2026-11-01T10:00:00.000Z', recorded_date: '2026-11-01', actor_type: 'user', actor_id: 'ana', actor_role: 'agency-user',
  command_id: `cmd-${eventId}`, correlation_id: 'corr', causation_id: 'cause', schema_version: 1, data: '{"planId":"p1","version":1}',
});

export const approval = (tenant: string, decision: string | null = null): Row => ({
  tenant_id: tenant, plan_id: 'p1', version: 1, kind: 'plan_version', submitted_by: 'ana', submitted_at: '2026-11-01T10:00:00.000Z',
  submitted_date: '2026-11-01', decided_by: decision ? 'ben' : null, decided_at: decision ? '2026-11-01T12:30:00.000Z' : null,
  decision, reason: decision ? 'ok for Q4' : null, latency_seconds: decision ? 9000 : null,
});

export const change = (tenant: string, eventId: string): Row => ({
  tenant_id: tenant, event_id: eventId, recorded_at: '2026-11-01T11:00:00.000Z', recorded_date: '2026-11-01', platform: 'google_ads',
  plan_id: 'p1', version: 1, logical_campaign_key: 'search', platform_campaign_id: '123', mutation_id: 'm1', action: 'ensure',
  reason: 'launch', outcome: 'succeeded', platform_status: 'enabled', error_code: null,
});
