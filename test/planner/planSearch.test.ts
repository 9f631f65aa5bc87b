import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, parseWhere, searchIndex, text } from '../../src/index';
import { planSearch } from '../../src/planner/planSearch';

const posts = convexTable('posts', { title: text().notNull(), status: text().notNull() }, (t) => [
  searchIndex('search_title').on(t.title).filter(t.status),
]);
const table = getTableConfig(posts);
const index = table.searchIndexes[0]!;
const plan = (where: object) =>
  planSearch({ table: 'posts', index, query: 'intro', filter: parseWhere(where, { table }) });

describe('planSearch', () => {
  it('an equality on a filter field goes into withSearchIndex; the rest is residual', () => {
    expect(plan({ status: 'published', title: { like: 'a%' } })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: { kind: 'like', field: 'title' },
    });
  });

  it('an in list beside one value on the same field (a rule and the query): the one value filters the search', () => {
    expect(plan({ AND: [{ status: { in: ['draft', 'published'] } }, { status: 'published' }] })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: { kind: 'in', field: 'status' },
    });
  });
});
