// The planner reads a case-sensitive
// `like` without a wildcard as an equality, and an OR no branch of which matches (beside the rest)
// as a read of nothing. docs/aggregates.md ("Read"): a read is served when its where is equality on
// a key prefix plus at most one range, and "Same results either way"; "explain() names the index
// that serves". Seeded filters mixing like-as-equality (escaped wildcards too), like prefixes and
// inexact patterns, ilike, eq null (never TRUE), isNull, in, ne, NOT and OR over a two-key
// aggregate index (nullable keys, 2 shards) with sums over -0 / ±1e300 / bigints and min/max of a
// string-mode timestamp and a text column. For each: `aggregate` (count, exact sum) and `groupBy` equal a brute-force
// recount of `findMany`'s rows; a read explain() calls served reads only the state and buckets
// (one per key and shard in range, no table row); a filter findMany's explain reads as `none` reads
// no document at all through `count`.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { totalOf } from '../../../src/aggregate/exactSum';
import {
  aggregateIndex,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  number,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing';
import { seededRandom } from '../../seededRandom';

const posts = convexTable(
  'posts',
  {
    status: text(),
    author: text(),
    views: number(),
    big: bigint(),
    at: timestamp({ mode: 'string' }),
    title: text(),
  },
  (t) => [
    aggregateIndex('p_sa')
      .on(t.status, t.author)
      .count()
      .sum(t.views)
      .sum(t.big)
      .min(t.at)
      .min(t.title)
      .max(t.views)
      .shards(2),
    aggregateIndex('p_all').all().count().sum(t.views),
  ],
);
const schema = defineSchema({ posts });
const orm = createOrm({ relations: defineRelations({ posts }) });
const tables = [getTableConfig(posts)];

const STATUSES = ['a', 'ab', 'a%', 'b', null];
const AUTHORS = ['x', 'y', 'x_', null];

function randomWhere(r: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const atom = (): Record<string, unknown> => {
    const field = r() < 0.5 ? 'status' : 'author';
    const values = (field === 'status' ? STATUSES : AUTHORS).filter((v): v is string => v !== null);
    const v = pick(values);
    switch (Math.floor(r() * 11)) {
      case 0:
        return { [field]: v };
      case 1:
        return { [field]: { like: v.replace(/[%_]/g, (c) => `\\${c}`) } }; // the literal: an equality
      case 2:
        return { [field]: { like: v } }; // 'a%' a prefix, 'x_' inexact, others equalities
      case 3:
        return { [field]: { eq: null } };
      case 4:
        return { [field]: { isNull: true } };
      case 5:
        return { [field]: { gt: v } };
      case 6:
        return { OR: [atom(), atom()] };
      case 7:
        return { NOT: atom() };
      case 8:
        return { [field]: { ne: v } };
      case 9:
        return { [field]: { ilike: v } };
      default:
        return { [field]: { in: [v, pick(values)] } };
    }
  };
  const n = Math.floor(r() * 3);
  return n === 0 ? {} : { AND: Array.from({ length: n }, atom) };
}

const key = (g: any) =>
  JSON.stringify([
    g.status ?? null,
    g.author ?? null,
    g._count,
    g._min.at,
    g._min.title,
    Object.is(g._max.views, -0) ? '-0' : g._max.views,
  ]);

it('served and fallen-back aggregate reads under like-as-equality and ORs matching nothing equal a recount', async () => {
  const t = convexTest(schema, modules);
  const r = seededRandom(7);
  await t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    for (let i = 0; i < 40; i++) {
      const row: Record<string, unknown> = {
        status: pick(STATUSES),
        author: pick(AUTHORS),
        title: pick(['t1', 't2', 'T', null]),
      };
      if (r() < 0.8) row.views = pick([1, 2.5, -0, 0, 1e300, -1e300, 0.1, null]);
      if (r() < 0.8) row.big = pick([1n, 2n ** 40n, -3n, null]);
      if (r() < 0.8) row.at = pick(['2024-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', null]);
      await db.insert(posts).values(row);
    }
  });
  while ((await t.run((ctx) => backfillNext(ctx.db as never, tables, 100))).batch) {}

  let served = 0;
  let empty = 0;
  for (let q = 0; q < 200; q++) {
    const where = randomWhere(r);
    const label = JSON.stringify(where);
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      const rows: any[] = await db.query.posts.findMany({ where });
      const { ctx: counted, reads } = countReads(ctx as any);
      const agg = await (orm.db(counted as never) as any).query.posts.aggregate({
        where,
        _count: true,
        _sum: { views: true },
      });
      const explained = await db.query.posts.aggregate({ where, _count: true, _sum: { views: true } }).explain();
      expect(agg._count, label).toBe(rows.length);
      // The exact sum of the rows' values rounded once (docs: "Sums are exact, then rounded once").
      expect(agg._sum.views, label).toBe(
        totalOf(
          'sum',
          rows.map((row) => row.views ?? null),
        ),
      );
      if (explained.aggregate.startsWith('aggregate index')) {
        served++;
        const keys = new Set(rows.map((row) => JSON.stringify([row.status ?? null, row.author ?? null])));
        // 1 state + at most 2 shards per key in range (p_sa), or p_all's shards.
        expect(reads.documents, label).toBeLessThanOrEqual(1 + Math.max(4, 2 * (keys.size + 4)));
      }
      if ((await db.query.posts.findMany({ where }).explain()).read === 'none') {
        empty++;
        const { ctx: c2, reads: r2 } = countReads(ctx as any);
        expect(await (orm.db(c2 as never) as any).query.posts.count({ where }), label).toBe(0);
        expect(r2.documents, label).toBe(0);
      }
      const groups: any[] = await db.query.posts.groupBy({
        where,
        by: ['status', 'author'],
        _count: true,
        _min: { at: true, title: true },
        _max: { views: true },
      });
      const brute = new Map<string, any>();
      for (const row of rows) {
        const k = JSON.stringify([row.status ?? null, row.author ?? null]);
        const g = brute.get(k) ?? {
          status: row.status ?? null,
          author: row.author ?? null,
          _count: 0,
          _min: { at: null, title: null },
          _max: { views: null },
        };
        g._count++;
        if (row.at != null && (g._min.at === null || Date.parse(row.at) < Date.parse(g._min.at))) g._min.at = row.at;
        if (row.title != null && (g._min.title === null || row.title < g._min.title)) g._min.title = row.title;
        if (row.views != null && (g._max.views === null || row.views > g._max.views)) g._max.views = row.views;
        brute.set(k, g);
      }
      expect(groups.map(key).sort(), label).toEqual([...brute.values()].map(key).sort());
    });
  }
  expect(served).toBeGreaterThan(20);
  expect(empty).toBeGreaterThan(5);
}, 60_000);
