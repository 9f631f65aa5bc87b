// Claim check (from a review that found no bug): docs/schema.md says ctx.db.vars.commitTs, inside the mutation that
// writes it, "compares as the largest int64 in checks, filters and rules". commitTsFilterPaths
// covers db.select() with eq()/ne() only; this pins the other select paths inside the writing
// mutation: inArray (direct and a prepared placeholder), orderBy on the from table and on a
// left-joined one, groupBy + having, an index join keyed by a commitTs column, an embedded
// $count correlated by it (eq and gt), and explain showing `<commit timestamp>`.
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  convexTable,
  count,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  desc,
  eq,
  gt,
  id,
  inArray,
  index,
  sql,
  text,
} from '../../src/index';

const events = convexTable('events', { name: text().notNull(), ts: custom(v.commitTs()) }, (t) => [
  index('by_ts').on(t.ts),
]);
const marks = convexTable(
  'marks',
  { label: text().notNull(), ts: custom(v.commitTs()), eventId: id('events') },
  (t) => [index('by_ts').on(t.ts), index('by_event').on(t.eventId)],
);
const tables = { events, marks };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const prepIn = orm
  .select({ n: events.name })
  .from(events)
  .where(inArray(events.ts, sql.placeholder('l')))
  .prepare('p');
const names = (rows: readonly { n: string }[]) => rows.map((r) => r.n);

it('the commitTs placeholder through select joins, orders, groups and counts', async () => {
  const out = await convexTest({ schema: defineSchema(tables), modules }).run(async (ctx) => {
    const db = orm.db(ctx);
    const stamp = ctx.db.vars.commitTs;
    const evs = await db
      .insert(events)
      .values([
        { name: 'one', ts: 1n },
        { name: 'two', ts: 2n },
        { name: 'stamped', ts: stamp },
        { name: 'stamped2', ts: stamp },
      ])
      .returning();
    await db.insert(marks).values([
      { label: 'm1', ts: 1n, eventId: evs[0]!._id },
      { label: 'mS', ts: stamp, eventId: evs[2]!._id },
    ]);
    return {
      inArr: names(
        await db
          .select({ n: events.name })
          .from(events)
          .where(inArray(events.ts, [stamp, 1n]))
          .orderBy(asc(events.name)),
      ),
      prepared: names(await prepIn.execute(ctx, { l: [stamp] })),
      order: names(await db.select({ n: events.name }).from(events).orderBy(desc(events.ts), asc(events.name))),
      joinOrder: (
        await db
          .select({ n: events.name, m: marks.label })
          .from(events)
          .leftJoin(marks, eq(marks.eventId, events._id))
          .orderBy(desc(marks.ts), asc(events.name))
      ).map((r) => `${r.n}:${r.m}`),
      group: (await db.select({ n: count() }).from(events).groupBy(events.ts).having(eq(events.ts, stamp))).map(
        (r) => r.n,
      ),
      join: (
        await db
          .select({ n: events.name, m: marks.label })
          .from(events)
          .innerJoin(marks, eq(marks.ts, events.ts))
          .orderBy(asc(events.name))
      ).map((r) => `${r.n}:${r.m}`),
      emb: await db
        .select({
          n: events.name,
          c: db.$count(marks, eq(marks.ts, events.ts)),
          g: db.$count(marks, gt(marks.ts, events.ts)),
        })
        .from(events)
        .orderBy(asc(events.name)),
      explain: db
        .select()
        .from(events)
        .where(inArray(events.ts, [stamp]))
        .explain().ranges,
    };
  });
  expect(out).toEqual({
    inArr: ['one', 'stamped', 'stamped2'],
    prepared: ['stamped', 'stamped2'],
    order: ['stamped', 'stamped2', 'two', 'one'],
    joinOrder: ['stamped:mS', 'one:m1', 'stamped2:null', 'two:null'],
    group: [2],
    join: ['one:m1', 'stamped:mS', 'stamped2:mS'],
    emb: [
      { n: 'one', c: 1, g: 1 },
      { n: 'stamped', c: 1, g: 0 },
      { n: 'stamped2', c: 1, g: 0 },
      { n: 'two', c: 0, g: 1 },
    ],
    explain: ['ts = <commit timestamp>'],
  });
});
