import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  countDistinct,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  type FilterExpression,
  gt,
  gte,
  inArray,
  integer,
  lt,
  lte,
  ne,
  notInArray,
  number,
  objectOf,
  text,
} from '../../src/index';
import { authors, backend, posts } from './aggregates/fixture';

// An integer has one zero: -0 written through the ORM is stored as 0, so counting, grouping,
// distinct and filters on 0 see one value, as in Postgres. A filter on -0 finds that 0 too, and rows
// stored as -0 before (raw writes, older versions); a filter on 0 is the one equality indexes serve.
describe('integer(): -0 is 0', () => {
  it('is stored as 0, matched by a filter on 0, and counted once', async () => {
    const { run, t } = backend();
    const [author] = await run((db) => db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id }));
    await run((db) =>
      db.insert(posts).values([
        { title: 'zero', authorId: author!._id, status: 'draft', views: 0 },
        { title: 'minus zero', authorId: author!._id, status: 'draft', views: -0 },
      ]),
    );
    const stored = await t.run(async (ctx) =>
      (await ctx.db.query('posts').collect()).map((row) => Object.is(row.views, -0)),
    );
    const out = await run(async (db) => ({
      distinct: await db.select({ n: countDistinct(posts.views) }).from(posts),
      matched: await db.select({ title: posts.title }).from(posts).where(eq(posts.views, 0)),
    }));
    expect(stored).toEqual([false, false]);
    expect(out.distinct).toEqual([{ n: 1 }]);
    expect(out.matched.map((row) => row.title).sort()).toEqual(['minus zero', 'zero']);
  });

  it('is stored as 0 inside arrayOf and objectOf too, so arrayContains [0] finds it (insert and update)', async () => {
    const counters = convexTable('counters', {
      name: text().notNull(),
      nums: arrayOf(integer().notNull()),
      totals: objectOf({ n: integer() }),
    });
    const orm = createOrm({ relations: defineRelations({ counters }) });
    const t = convexTest({ schema: defineSchema({ counters }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(counters).values({ name: 'inserted', nums: [-0, 1], totals: { n: -0 } });
      await db.insert(counters).values({ name: 'updated' });
      await db
        .update(counters)
        .set({ nums: [2, -0] })
        .where(eq(counters.name, 'updated'));
      const stored = (await ctx.db.query('counters').collect()).map((row) => [
        row.nums?.some((n) => Object.is(n, -0)),
        Object.is(row.totals?.n, -0),
      ]);
      const names = async (where: object) =>
        (await db.query.counters.findMany({ where, limit: 10 })).map((row) => row.name);
      return {
        stored,
        found: await names({ nums: { arrayContains: [0] } }),
        // A filter on -0 finds them too: one integer zero, as in Postgres.
        foundByMinusZero: await names({ nums: { arrayContains: [-0] } }),
        overlapsMinusZero: await names({ nums: { arrayOverlaps: [-0] } }),
      };
    });
    expect(out).toEqual({
      stored: [
        [false, false],
        [false, false],
      ],
      found: ['inserted', 'updated'],
      foundByMinusZero: ['inserted', 'updated'],
      overlapsMinusZero: ['inserted', 'updated'],
    });
  });

  it('number() keeps -0 as Convex stores it: a value apart from 0 (a divergence from Postgres)', async () => {
    const measures = convexTable('measures', { x: number().notNull() });
    const relations = defineRelations({ measures });
    const orm = createOrm({ relations });
    const t = convexTest({ schema: defineSchema({ measures }), modules });
    const distinct = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(measures).values([{ x: 0 }, { x: -0 }]);
      return db.select({ n: countDistinct(measures.x) }).from(measures);
    });
    expect(distinct).toEqual([{ n: 2 }]);
  });

  it('a row stored as -0 before (a raw write): found by -0 and by ranges, as the 0 the ORM writes', async () => {
    const { run, t } = backend();
    const [author] = await run((db) => db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id }));
    await t.run(async (ctx) => {
      await ctx.db.insert('posts', { title: 'legacy', authorId: author!._id, status: 'draft', views: -0 });
      await ctx.db.insert('posts', { title: 'written', authorId: author!._id, status: 'draft', views: 0 });
      await ctx.db.insert('posts', { title: 'one', authorId: author!._id, status: 'draft', views: 1 });
    });
    const titles = (where: FilterExpression) =>
      run(async (db) =>
        (await db.select({ title: posts.title }).from(posts).where(where)).map((row) => row.title).sort(),
      );
    expect({
      eqZero: await titles(eq(posts.views, 0)),
      eqMinusZero: await titles(eq(posts.views, -0)),
      neZero: await titles(ne(posts.views, 0)),
      gteZero: await titles(gte(posts.views, 0)),
      gtMinusZero: await titles(gt(posts.views, -0)),
      ltZero: await titles(lt(posts.views, 0)),
      lteMinusZero: await titles(lte(posts.views, -0)),
      inZero: await titles(inArray(posts.views, [0])),
      notInMinusZero: await titles(notInArray(posts.views, [-0])),
    }).toEqual({
      // One equality an aggregate or search index serves: the 0 the ORM writes (rewrite a stored -0).
      eqZero: ['written'],
      eqMinusZero: ['legacy', 'written'],
      neZero: ['legacy', 'one'],
      gteZero: ['legacy', 'one', 'written'],
      gtMinusZero: ['one'],
      ltZero: [],
      lteMinusZero: ['legacy', 'written'],
      inZero: ['written'],
      notInMinusZero: ['one'],
    });
  });
});
