// GET /api/tenants/:tenantId/performance/{daily,aggregated,campaigns,ads}: spec 003 appendix A's
// reporting reads, from the warehouse's active generation, always for one tenant in the
// caller's scope (a tenant outside it is a 404, as everywhere). A warehouse that cannot serve
// throws a StoreFault, which the server's error handler answers 503.
import { z } from 'zod';
import { addDays, daysFrom } from '../../domain/performance/days.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { WarehouseReader } from '../../readmodels/warehouse/port.ts';
import { limitSchema, reportQuery, tenantParams } from '../http/reportQuery.ts';
import type { Router } from '../http/route.ts';
import { requireTenant } from '../http/scope.ts';
import { dailyGroupTotals, emptyTotals, singleCurrency, totalsJson } from './reportTotals.ts';

const responses = { 400: 'A bad date, from after to, a range over 366 days, an unknown platform or a limit out of range', 404: 'No such tenant in scope', 503: 'The reporting warehouse cannot serve now' };

export function performanceReportRoutes(routes: Router, warehouse: WarehouseReader): void {
  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/daily',
    summary: 'The ad-level rows of ads_daily_performance in a range, as the table holds them, ordered by its row key',
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({ limit: limitSchema }),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const { from, to, platform, limit } = query;
      const rows = await warehouse.rows('ads_daily_performance', params.tenantId, { from, to, limit, ...(platform ? { platform } : {}) });
      if (isDomainError(rows)) return rows;
      return { tenantId: params.tenantId, from, to, platform: platform ?? null, limit, truncated: rows.length === limit, rows };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/aggregated',
    summary: "The tenant's totals per day for charts, every day of the range (0 where none), ratios from the day's sums",
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({}),
    responses: { ...responses, 422: 'Rows in more than one currency (filter by platform)' },
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const { from, to, platform } = query;
      const filter = platform ? { platform } : {};
      const currencies = await warehouse.aggregate(params.tenantId, { by: 'currency', from, to, ...filter });
      if (isDomainError(currencies)) return currencies;
      const currency = singleCurrency(currencies);
      if (isDomainError(currency)) return currency;
      const totals = await warehouse.dailyTotals(params.tenantId, from, to, filter);
      if (isDomainError(totals)) return totals;
      const byDate = new Map(totals.map((d) => [d.date, dailyGroupTotals(d)]));
      const days = Array.from({ length: daysFrom(from, to) + 1 }, (_, i) => addDays(from, i)).map((date) => ({ date, ...totalsJson(byDate.get(date) ?? emptyTotals) }));
      return { tenantId: params.tenantId, from, to, platform: platform ?? null, currency, days };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/campaigns',
    summary: 'Campaign totals in a range with their ratios, by spend descending; each campaign in its own currency',
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({ limit: limitSchema }),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const { from, to, platform, limit } = query;
      const groups = await warehouse.aggregate(params.tenantId, { by: 'campaign', from, to, limit, ...(platform ? { platform } : {}) });
      if (isDomainError(groups)) return groups;
      const campaigns = groups.map((g) => ({
        platform: g.key.platform, accountId: g.key.account_id, accountName: g.key.account_name,
        campaignId: g.key.campaign_id, campaignName: g.key.campaign_name, currency: g.currency, ...totalsJson(g),
      }));
      return { tenantId: params.tenantId, from, to, platform: platform ?? null, truncated: groups.length === limit, campaigns };
    },
  });

  routes.route({
    method: 'GET',
    url: '/api/tenants/:tenantId/performance/ads',
    summary: 'Ad totals in a range with their ad group (Meta ad set) and ad names and ratios, by spend descending',
    tags: ['performance'],
    access: 'signed-in',
    params: tenantParams,
    query: reportQuery({ campaignId: z.string().min(1).max(200).optional(), limit: limitSchema }),
    responses,
    async handler({ params, query, principal }) {
      const outOfScope = requireTenant(principal, params.tenantId);
      if (outOfScope) return outOfScope;
      const { from, to, platform, campaignId, limit } = query;
      const groups = await warehouse.aggregate(params.tenantId, { by: 'ad', from, to, limit, ...(platform ? { platform } : {}), ...(campaignId ? { campaignId } : {}) });
      if (isDomainError(groups)) return groups;
      const ads = groups.map((g) => ({
        platform: g.key.platform, accountId: g.key.account_id, accountName: g.key.account_name,
        campaignId: g.key.campaign_id, campaignName: g.key.campaign_name, adGroupId: g.key.ad_group_id, adGroupName: g.key.ad_group_name,
        adId: g.key.ad_id, adName: g.key.ad_name, currency: g.currency, ...totalsJson(g),
      }));
      return { tenantId: params.tenantId, from, to, platform: platform ?? null, campaignId: campaignId ?? null, truncated: groups.length === limit, ads };
    },
  });
}
