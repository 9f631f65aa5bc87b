// docs/queries.md, "Pinned pages": a page given `endCursor` returns it as its `continueCursor`, as
// Convex's `.paginate()` does (the client keys its pages by it): also a page whose `cursor` is the
// end of the rows (a done page's `continueCursor`) and a page of a query that matches nothing, which
// are answered before any read; and a pinned page whose end lies before its start.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';

const items = convexTable('items', { s: text().notNull(), n: integer().notNull() }, (t) => [
  index('by_s_n').on(t.s, t.n),
]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const config = { where: { s: 'a' }, orderBy: { n: 'asc' } } as const;

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let n = 0; n < 6; n++) await ctx.db.insert('items', { s: 'a', n });
  });
  return t;
}

it('control: a pinned page whose end lies before its start returns that endCursor', async () => {
  const t = await backend();
  await t.run(async (ctx) => {
    const q = orm.db(ctx).query.items;
    const first = await q.paginate({ numItems: 2, cursor: null }, config);
    const second = await q.paginate({ numItems: 2, cursor: first.continueCursor }, config);
    const back = await q.paginate(
      { numItems: 2, cursor: second.continueCursor, endCursor: first.continueCursor },
      config,
    );
    expect(back.page).toEqual([]);
    expect(back.continueCursor).toBe(first.continueCursor);
  });
});

it("a pinned page from a done page's cursor returns its endCursor as continueCursor", async () => {
  const t = await backend();
  await t.run(async (ctx) => {
    const q = orm.db(ctx).query.items;
    const first = await q.paginate({ numItems: 2, cursor: null }, config);
    const all = await q.paginate({ numItems: 10, cursor: null }, config);
    expect(all.isDone).toBe(true);
    const pinned = await q.paginate(
      { numItems: 2, cursor: all.continueCursor, endCursor: first.continueCursor },
      config,
    );
    expect(pinned.page).toEqual([]);
    expect(pinned.continueCursor).toBe(first.continueCursor);
  });
});

it('a pinned page of a query that matches nothing returns its endCursor as continueCursor', async () => {
  const t = await backend();
  await t.run(async (ctx) => {
    const q = orm.db(ctx).query.items;
    const none = { where: { s: 'a', n: { in: [] } }, orderBy: { n: 'asc' } } as const;
    // A cursor of this query: the position of an empty page at its start.
    const start = await q.paginate({ numItems: 0, cursor: null }, none);
    const pinned = await q.paginate({ numItems: 2, cursor: null, endCursor: start.continueCursor }, none);
    expect(pinned.page).toEqual([]);
    expect(pinned.continueCursor).toBe(start.continueCursor);
  });
});
