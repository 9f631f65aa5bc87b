import { matchesFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/tree.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';
import type { MutationSession } from './session.js';

// INTERIM until the query branch's planner/selectRows is merged (replaced then).
export async function selectTargetRows(
  session: MutationSession,
  table: TableConfig,
  filter: FilterNode | null,
  limit: number,
): Promise<Doc[]> {
  const rows: Doc[] = [];
  if (filter?.kind === 'compare' && filter.field === '_id' && filter.op === 'eq') {
    const id = typeof filter.value === 'string' ? session.db.normalizeId(table.name, filter.value) : null;
    const doc = id ? ((await session.db.get(table.name, id)) as Doc | null) : null;
    return doc ? [doc] : [];
  }
  for await (const doc of session.db.query(table.name)) {
    if (matchesFilter(filter, doc)) rows.push(doc as Doc);
    if (rows.length >= limit) break;
  }
  return rows;
}
