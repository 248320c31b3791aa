// Every query the API's list routes can send the document store is served by an index the
// collection declares: with and without the tenant filter (agency-wide principals send none),
// with and without each optional filter. Read from the routes' own definitions
// (api/routes/listQueries.ts), so a new route or filter without its shape fails here, not
// as a collection scan in production.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issuedQueries, type IssuedQuery } from '../../api/routes/listQueries.ts';
import { allProjections } from '../../projections/definitions/all.ts';
import type { Projection } from '../../projections/definitions/projection.ts';
import { coveringShape } from '../../readmodels/documents/queryShapes.ts';

// Each combination of the optional filters, present or absent, with the fixed ones.
const variants = (query: IssuedQuery): string[][] =>
  query.optional.reduce<string[][]>((acc, field) => [...acc, ...acc.map((v) => [...v, field])], [[...query.fixed]]);

// What no declared shape serves, one line per route and shape.
function uncovered(queries: readonly IssuedQuery[], projections: readonly Projection[]): string[] {
  return queries.flatMap((query) => {
    const projection = projections.find((p) => p.name === query.collection);
    if (!projection) return [`${query.route}: there is no collection ${query.collection}`];
    return variants(query).flatMap((equal) => {
      const where = Object.fromEntries(equal.map((f) => [f, 'x']));
      return coveringShape(projection.indexes, { where, sort: query.sort })
        ? []
        : [`${query.route}: ${query.collection} has no index for equality on [${equal.join(', ')}] sorted by ${query.sort.field}`];
    });
  });
}

const t = suite('architecture: every API query has its index');

t('the routes are all read: the lists, plan versions and campaigns', () => {
  assert.equal(issuedQueries.map((q) => q.route), [
    '/api/tenants', '/api/approvals', '/api/plans', '/api/launches', '/api/audit/timeline',
    '/api/plans/:tenantId/:planId/versions', '/api/tenants/:tenantId/campaigns',
  ]);
  const plans = issuedQueries.find((q) => q.route === '/api/plans')!;
  assert.equal(variants(plans), [[], ['tenantId'], ['status'], ['tenantId', 'status']], 'with and without the tenant and each filter');
});

t('every query shape the API issues is served by a declared index', () => {
  const missing = uncovered(issuedQueries, allProjections);
  assert.ok(missing.length === 0, `\n${missing.join('\n')}\n`);
});

t('a shape missing from a projection is reported with its route and shape', () => {
  const withoutOne = allProjections.map((p) => (p.name !== 'plans' ? p : {
    ...p,
    indexes: { ...p.indexes, shapes: p.indexes.shapes.filter((s) => !(s.equal.length === 1 && s.equal[0] === 'status')) },
  }));
  assert.equal(uncovered(issuedQueries, withoutOne), ['/api/plans: plans has no index for equality on [status] sorted by updatedAt']);
});

t('an index on more equality fields than a query fixes does not serve it (its order is not the sort order)', () => {
  const indexes = { fields: { tenantId: 'string', status: 'string', updatedAt: 'string' }, shapes: [{ equal: ['tenantId', 'status'], sort: 'updatedAt' }] } as const;
  assert.ok(coveringShape(indexes, { where: { status: 'a', tenantId: 't' }, sort: { field: 'updatedAt', direction: 'desc' } }), 'equality fields in any order');
  assert.is(coveringShape(indexes, { where: { tenantId: 't' }, sort: { field: 'updatedAt', direction: 'desc' } }), undefined);
  assert.is(coveringShape(indexes, { where: { tenantId: 't', status: 'a' }, sort: { field: 'status', direction: 'asc' } }), undefined);
});

t.run();
