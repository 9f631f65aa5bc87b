// explain() of a read by `_id` describes the read as it runs: a value that is not an id of the
// table (a malformed string, another table's id) is never read, so it is not among the gets; an
// id given twice is read once; when none is left the query reads nothing (`read: 'none'`), as its
// reads show. A `by_id` range whose bound is no id of the table reads without that bound: explain
// shows the range it opens and, when no bound is left, a full scan, which strict mode refuses.
import { createOrm, eq, inArray, placeholder } from 'convex-orm';
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { items, liveItem, plain, relations, world } from './fixture';

it('gets only the ids of the table, each once, and explain() names exactly those', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const item = (await raw.db.query('items').first())!._id;
    const owner = (await raw.db.query('owners').first())!._id;
    const { ctx, reads } = countReads(raw);
    const query = (ids: string[]) =>
      plain.db(ctx).query.items.findMany({ where: { _id: { in: ids as never[] } }, withDeleted: true });
    const mixed = [item, owner, 'garbage', item];
    const explained = await query(mixed).explain();
    const rows = await query(mixed);
    const mixedReads = { ...reads };
    const none = await query([owner, 'garbage']).explain();
    const single = await plain
      .db(ctx)
      .query.items.findFirst({ where: { _id: 'garbage' as never } })
      .explain();
    const noRows = await plain.db(ctx).query.items.findFirst({ where: { _id: 'garbage' as never } });
    return { item, explained, rows: rows.map((row) => row._id), mixedReads, none, single, noRows, reads: { ...reads } };
  });
  expect(out.explained).toMatchObject({ read: 'get', ranges: [`_id = "${out.item}"`] });
  expect(out.rows).toEqual([out.item]);
  expect(out.mixedReads).toEqual({ documents: 1, ranges: 1 });
  expect(out.none).toMatchObject({ read: 'none', ranges: [] });
  expect(out.single).toMatchObject({ read: 'none', ranges: [] });
  expect(out.noRows).toBeNull();
  expect(out.reads).toEqual(out.mixedReads);
});

it('a by_id range without its bounds that are no ids: the range it opens, a full scan when none is left', async () => {
  const { t } = await world();
  const strict = createOrm({ relations, strict: true });
  const out = await t.run(async (ctx) => {
    const item = (await ctx.db.query('items').first())!._id;
    const config = (lower: string) =>
      ({ where: { _id: { gt: lower as never, lte: item } }, withDeleted: true }) as const;
    const kept = await plain
      .db(ctx)
      .query.items.findMany({ where: { _id: { gte: item } }, withDeleted: true })
      .explain();
    const dropped = await plain.db(ctx).query.items.findMany(config('0')).explain();
    const droppedRows = await plain.db(ctx).query.items.findMany(config('0'));
    const refused = await strict
      .db(ctx)
      .query.items.findMany({ where: { _id: { gt: '0' as never } } })
      .then(
        () => 'ran',
        (error) => error.code,
      );
    const strictExplain = await strict
      .db(ctx)
      .query.items.findMany({ where: { _id: { gt: '0' as never } } })
      .explain();
    return { item, kept, dropped, droppedRows: droppedRows.map((row) => row._id), refused, strictExplain };
  });
  expect(out.kept).toMatchObject({ read: 'index', index: 'by_id', fullScan: false });
  expect(out.kept.ranges).toEqual([`_id >= "${out.item}"`]);
  expect(out.dropped).toMatchObject({ read: 'index', index: 'by_id', fullScan: false });
  expect(out.dropped.ranges).toEqual([`_id <= "${out.item}"`]);
  expect(out.droppedRows).toEqual([out.item]);
  expect(out.refused).toBe('FULL_SCAN_FORBIDDEN');
  expect(out.strictExplain).toMatchObject({ read: 'index', index: 'by_id', fullScan: true });
});

it('a prepared query explains its ids as read when it has a ctx, and lists them all without one', async () => {
  const { t } = await world();
  const prepared = plain.query.items.findMany({ where: { _id: { in: placeholder('ids') } } }).prepare();
  const out = await t.run(async (ctx) => {
    const item = (await ctx.db.query('items').first())!._id;
    const ids = [item, 'garbage'] as never[];
    return { item, inCtx: await prepared.execute(ctx, { ids }).explain(), noCtx: prepared.explain({ ids }) };
  });
  expect(out.inCtx.ranges).toEqual([`_id = "${out.item}"`]);
  expect(out.noCtx.ranges).toEqual([`_id = "${out.item}"`, '_id = "garbage"']);
});

it('db.select() explains its base read by ids as it runs', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const live = await liveItem(raw.db);
    const item = live._id;
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const many = db
      .select({ id: items._id })
      .from(items)
      .where(inArray(items._id, [item, 'garbage' as never, item]));
    const none = db
      .select({ id: items._id })
      .from(items)
      .where(eq(items._id, 'garbage' as never));
    const explained = { many: many.explain(), none: none.explain() };
    const rows = { many: await many, none: await none };
    return { item, explained, rows, reads: { ...reads } };
  });
  expect(out.explained.many).toMatchObject({ read: 'get', ranges: [`_id = "${out.item}"`] });
  expect(out.explained.none).toMatchObject({ read: 'none', ranges: [] });
  expect(out.rows).toEqual({ many: [{ id: out.item }], none: [] });
  expect(out.reads).toEqual({ documents: 1, ranges: 1 });
});

it("relation plans list the _id values of their where as they read them: a load's, a relation filter's", async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const live = await liveItem(raw.db);
    const item = live._id;
    const owner = live.ownerId;
    const { ctx, reads } = countReads(raw);
    const ids = [item, owner, 'garbage'] as never[];
    const config = { where: { _id: owner }, with: { items: { where: { _id: { in: ids } } } } } as const;
    const load = plain.db(ctx).query.owners.findMany(config);
    const explained = await load.explain();
    const rows = await load;
    const loadReads = { ...reads };
    const none = await plain
      .db(ctx)
      .query.owners.findMany({
        where: { _id: owner },
        with: { items: { where: { _id: { in: [owner, 'x'] as never[] } } } },
      })
      .explain();
    const filter = await plain
      .db(ctx)
      .query.owners.findMany({ where: { items: { _id: { in: ids } } } })
      .explain();
    return { item, explained, rows, loadReads, none, filter };
  });
  expect(out.explained.with?.items).toMatchObject({ read: 'get', ranges: [`_id = "${out.item}"`] });
  expect(out.rows.map((row) => row.items.map((item) => item._id))).toEqual([[out.item]]);
  // The owner's get, then the one item's.
  expect(out.loadReads).toEqual({ documents: 2, ranges: 2 });
  expect(out.none.with?.items).toMatchObject({ read: 'none', ranges: [] });
  expect(out.filter.exists?.items).toMatchObject({ read: 'get', ranges: [`_id = "${out.item}"`] });
});

it('a one relation read by id keeps its parent value (?) in explain', async () => {
  const { t } = await world();
  const explained = await t.run(async (ctx) =>
    plain
      .db(ctx)
      .query.items.findMany({ with: { owner: true } })
      .explain(),
  );
  expect(explained.with?.owner).toMatchObject({ read: 'get', ranges: ['_id = "?"'] });
});
