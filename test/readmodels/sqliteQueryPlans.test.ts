// SQLite answers every query the API issues from one of the collection's shape indexes, in
// index order: no scan of the table and no sort in a temporary b-tree, also on later pages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { issuedQueries } from '../../api/routes/listQueries.ts';
import { allProjections } from '../../projections/definitions/all.ts';
import type { FindQuery } from '../../readmodels/documents/port.ts';
import { encodeCursor, queryShape } from '../../readmodels/documents/cursor.ts';
import { buildFind } from '../../readmodels/documents/sqliteFind.ts';
import { createGenerationTable, tableOf } from '../../readmodels/documents/sqliteTables.ts';

const t = suite('sqlite: the API queries use the shape indexes');

t('every variant of every list query, first page and next, reads an index of its shape in order', () => {
  const db = new Database(':memory:');
  const problems: string[] = [];
  for (const issued of issuedQueries) {
    const spec = allProjections.find((p) => p.name === issued.collection)!;
    createGenerationTable(db, spec, 1, true);
    const variants = issued.optional.reduce<string[][]>((acc, f) => [...acc, ...acc.map((v) => [...v, f])], [[...issued.fixed]]);
    for (const equal of variants) {
      const sample = (field: string) => (spec.indexes.fields[field] === 'number' ? 1 : 'x');
      const first: FindQuery = { where: Object.fromEntries(equal.map((f) => [f, sample(f)])), sort: issued.sort, limit: 50 };
      const next: FindQuery = { ...first, cursor: encodeCursor({ value: sample(issued.sort.field), id: 'a' }, queryShape(spec.name, first)) };
      for (const query of [first, next]) {
        const { sql, params } = buildFind(spec, tableOf(spec.name, 1), query);
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
        const label = `${issued.route} [${equal.join(', ')}]${query.cursor ? ' (next page)' : ''}: ${plan}`;
        if (!/USING INDEX rm_\w+__q_/.test(plan) || /TEMP B-TREE/.test(plan)) problems.push(label);
      }
    }
  }
  db.close();
  assert.ok(problems.length === 0, `\n${problems.join('\n')}\n`);
});

t.run();
