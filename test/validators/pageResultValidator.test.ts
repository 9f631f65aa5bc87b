// docs/queries.md says `paginate` (and a prepared paginate's `execute`) returns
// Convex's `PaginationResult` shape, and docs/tooling.md that `resultValidator` / `selectValidator`
// validate the ORM's rows. Together a function may declare
// `returns: paginationResultValidator(rowValidator)` (convex/server). This checks it on full pages,
// `SplitRequired` pages (maximumRowsRead / maximumBytesRead, which add `splitCursor` and
// `pageStatus`) and `endCursor` pages, for a relational paginate and a prepared one with `columns`.
// No test used Convex's paginationResultValidator before.
import { paginationOptsValidator, paginationResultValidator, queryGeneric } from 'convex/server';
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  resultValidator,
  selectValidator,
  text,
} from '../../src/index';
import { backend, q } from '../convex/convexUser/harness';

const items = convexTable('items', { name: text().notNull(), n: integer().notNull(), note: text() }, (t) => [
  index('by_n').on(t.n),
]);
const tables = { items };
const schema = defineSchema(tables);
const relations = defineRelations(tables);
const orm = createOrm({ relations });
const prepared = orm.query.items
  .paginate({ where: { n: { gte: 0 } }, orderBy: { n: 'asc' }, columns: { name: true, note: true } })
  .prepare('itemsPage');

const fns = {
  page: queryGeneric({
    args: { paginationOpts: paginationOptsValidator },
    returns: paginationResultValidator(selectValidator(items)),
    handler: (ctx, { paginationOpts }) =>
      orm.db(ctx).query.items.paginate(paginationOpts, { where: { name: { ne: 'zz' } }, orderBy: { n: 'asc' } }),
  }),
  preparedPage: queryGeneric({
    args: { paginationOpts: paginationOptsValidator },
    returns: paginationResultValidator(resultValidator(relations, 'items', { columns: { name: true, note: true } })),
    handler: (ctx, { paginationOpts }) => prepared.execute(ctx, paginationOpts, {}),
  }),
};

describe('ORM pages pass Convex paginationResultValidator of the row validator', () => {
  for (const name of ['page', 'preparedPage']) {
    it(name, async () => {
      const t = backend(schema, fns);
      await t.run(async (ctx) => {
        for (let i = 0; i < 12; i++) await ctx.db.insert('items', { name: `i${i}`, n: i, note: null });
      });
      const split = await t.query(q(name), { paginationOpts: { numItems: 10, cursor: null, maximumRowsRead: 3 } });
      expect(split.pageStatus).toBe('SplitRequired');
      expect(typeof split.splitCursor).toBe('string');
      const rest = await t.query(q(name), { paginationOpts: { numItems: 5, cursor: split.continueCursor } });
      expect(rest.page.length).toBe(5);
      const bounded = await t.query(q(name), {
        paginationOpts: { numItems: 50, cursor: split.splitCursor, endCursor: split.continueCursor },
      });
      expect(bounded.continueCursor).toBe(split.continueCursor);
      const all = await t.query(q(name), { paginationOpts: { numItems: 50, cursor: null } });
      expect(all.isDone).toBe(true);
      expect(all.page.length).toBe(12);
    });
  }
});
