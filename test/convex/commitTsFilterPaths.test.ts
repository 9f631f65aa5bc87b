// Claim check (from a review that found no bug): docs/schema.md says ctx.db.vars.commitTs "compares as the largest int64 in
// checks and filters (`where: { ts: ctx.db.vars.commitTs }` is an equality, `explain()` shows it as
// `<commit timestamp>`)". commitTsWhereShorthand / commitTsExplainValue cover eq, the root shorthand
// and `in` on json(). Not covered: ne / notIn / a root OR / a column's NOT and OR items / a relation
// filter / db.select() with eq() and ne() / $count / prepared placeholders (shorthand, eq, ne) /
// explain of ne and in / a page boundary on the placeholder row (its cursor holds the placeholder).
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  eq,
  id,
  index,
  ne,
  sql,
  text,
} from '../../src/index';

const events = convexTable('events', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
  index('by_ts').on(t.ts),
]);
const tags = convexTable('tags', { label: text().notNull(), eventId: id('events').notNull() }, (t) => [
  index('by_event').on(t.eventId),
]);
const tables = { events, tags };
const relations = defineRelations(tables, (r) => ({
  tags: { event: r.one.events({ from: r.tags.eventId, to: r.events._id }) },
}));
const orm = createOrm({ relations });
const byTs = orm.query.events.findMany({ where: { ts: sql.placeholder('t') } }).prepare();
const byTsEq = orm.query.events.findMany({ where: { ts: { eq: sql.placeholder('t') } } }).prepare();
const byTsNe = orm.query.events.findMany({ where: { ts: { ne: sql.placeholder('t') } } }).prepare();
const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name).sort();

it('the commitTs placeholder as a value in every filter path', async () => {
  const out = await convexTest({ schema: defineSchema(tables), modules }).run(async (ctx) => {
    const db = orm.db(ctx);
    const stamp = ctx.db.vars.commitTs;
    await db.insert(events).values([
      { name: 'one', ts: 1n },
      { name: 'two', ts: 2n },
      { name: 'stamped', ts: stamp },
    ]);
    for (const event of await db.query.events.findMany({})) {
      await db.insert(tags).values({ label: event.name, eventId: event._id });
    }
    const find = async (where: unknown) => names(await db.query.events.findMany({ where: where as never }));
    const page1 = await db.query.events.paginate({ numItems: 1, cursor: null }, { orderBy: { ts: 'desc' } });
    const page2 = await db.query.events.paginate(
      { numItems: 2, cursor: page1.continueCursor },
      { orderBy: { ts: 'desc' } },
    );
    return {
      ne: await find({ ts: { ne: stamp } }),
      notIn: await find({ ts: { notIn: [stamp] } }),
      lt: await find({ ts: { lt: stamp } }),
      rootOr: await find({ OR: [{ ts: stamp }, { name: 'one' }] }),
      fieldOr: await find({ ts: { OR: [stamp, 1n] } }),
      fieldNot: await find({ ts: { NOT: stamp } }),
      relation: (await db.query.tags.findMany({ where: { event: { ts: stamp as never } } })).map((t) => t.label),
      selectEq: names(
        await db
          .select()
          .from(events)
          .where(eq(events.ts, stamp as never)),
      ),
      selectNe: names(
        await db
          .select()
          .from(events)
          .where(ne(events.ts, stamp as never)),
      ),
      count: await db.$count(events, { ts: stamp as never }),
      prepared: names(await byTs.execute(ctx, { t: stamp })),
      preparedEq: names(await byTsEq.execute(ctx, { t: stamp })),
      preparedNe: names(await byTsNe.execute(ctx, { t: stamp })),
      explainNe: db.query.events.findMany({ where: { ts: { ne: stamp } } }).explain().ranges,
      explainIn: db.query.events.findMany({ where: { ts: { in: [stamp, 1n] } } }).explain().ranges,
      pages: [names(page1.page), names(page2.page), page2.isDone],
    };
  });
  expect(out).toEqual({
    ne: ['one', 'two'],
    notIn: ['one', 'two'],
    lt: ['one', 'two'],
    rootOr: ['one', 'stamped'],
    fieldOr: ['one', 'stamped'],
    fieldNot: ['one', 'two'],
    relation: ['stamped'],
    selectEq: ['stamped'],
    selectNe: ['one', 'two'],
    count: 1,
    prepared: ['stamped'],
    preparedEq: ['stamped'],
    preparedNe: ['one', 'two'],
    explainNe: ['ts > null, ts < <commit timestamp>', 'ts > <commit timestamp>'],
    explainIn: ['ts = 1n', 'ts = <commit timestamp>'],
    pages: [['stamped'], ['one', 'two'], expect.anything()],
  });
});
