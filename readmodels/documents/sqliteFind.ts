import type { CollectionSpec, FindQuery } from './port.ts';
import { pageSize } from './cursor.ts';
import { checkQuery, cursorOf } from './indexSpec.ts';
import { columnOf, indexValue } from './sqliteTables.ts';

// Builds the SELECT for a find. NULLs sort first ascending and last descending (SQLite's
// order), and the cursor condition follows the same order so pages never skip or repeat.
export function buildFind(spec: CollectionSpec, table: string, query: FindQuery): { sql: string; params: unknown[]; limit: number } {
  checkQuery(spec, query);
  const declared = columnOf;
  const where: string[] = ['deleted = 0'];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(query.where ?? {})) {
    if (value === null) where.push(`${declared(field)} IS NULL`);
    else {
      where.push(`${declared(field)} = ?`);
      params.push(indexValue(value));
    }
  }
  if (query.range) {
    const col = declared(query.range.field);
    for (const [op, sql] of [['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']] as const) {
      const bound = query.range[op];
      if (bound === undefined) continue;
      where.push(`${col} ${sql} ?`);
      params.push(indexValue(bound));
    }
  }
  const sortCol = query.sort ? declared(query.sort.field) : 'id';
  const desc = query.sort?.direction === 'desc';
  const point = cursorOf(spec, query);
  if (point) {
    const v = indexValue(point.value);
    const [after, nulls] = desc ? ['<', 'IS NULL'] : ['>', 'IS NOT NULL'];
    if (sortCol === 'id') {
      where.push(`id ${after} ?`);
      params.push(point.id);
    } else if (v === null) {
      where.push(desc ? `(${sortCol} IS NULL AND id < ?)` : `((${sortCol} IS NULL AND id > ?) OR ${sortCol} IS NOT NULL)`);
      params.push(point.id);
    } else {
      where.push(`(${sortCol} ${after} ? OR (${sortCol} = ? AND id ${after} ?)${desc ? ` OR ${sortCol} ${nulls}` : ''})`);
      params.push(v, v, point.id);
    }
  }
  const dir = desc ? 'DESC' : 'ASC';
  const order = sortCol === 'id' ? `id ${dir}` : `${sortCol} ${dir}, id ${dir}`;
  const limit = pageSize(query.limit);
  return { sql: `SELECT body FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`, params, limit };
}
