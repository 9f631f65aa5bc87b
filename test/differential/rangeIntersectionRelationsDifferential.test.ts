// @vitest-environment node
/**
 * The range intersection through the differential fixture's other read paths, against Drizzle v1 on
 * Postgres: several range conditions on one field in `with` levels (a span over the parents' keys
 * beside the level's own ranges on publishedAt), relation filters (exists), `_count`-free counts,
 * pages, and `id` ranges (`_creationTime` on Convex) with `ne` / `notIn` at their bounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, type IdMap } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { type ConvexTest, runConvexQuery } from './harness/convexSide.js';
import { runDrizzleQuery } from './harness/drizzleSide.js';
import { many, type QueryScenario } from './harness/neutral.js';

let drizzleDb: DrizzleDb;
let convex: { t: ConvexTest; idMap: IdMap };

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
}, 30_000);

const asc = { id: 'asc' } as const;
const RANGES: Record<string, unknown>[] = [
  { gte: 1000, lte: 3000 },
  { gt: 1000, lt: 7000, ne: 5000 },
  { gte: 2000, lte: 2000 },
  { gt: 2000, lte: 2000 },
  { gte: 6000, lte: 1000 },
  { isNotNull: true, lt: 4000 },
  { isNull: true, gte: 0 },
  { notIn: [1000, 7000], gte: 1000, lte: 7000 },
  { in: [1000, 2000, 5000], gt: 1000 },
  { ne: 3000, notIn: [4000], lt: 6000 },
  { gte: 1000, OR: [{ lt: 2000 }, { gt: 6000 }] },
  { lte: 6000, NOT: { gte: 2000, lte: 4000 } },
];
const ID_RANGES: Record<string, unknown>[] = [
  { gte: 2, lte: 5, ne: 3 },
  { gt: 2, lt: 2 },
  { gte: 4, lte: 4 },
  { notIn: [1, 6], gte: 1 },
  { gt: 1, lte: 9, notIn: [2, 3, 4] },
];
const EMAILS: Record<string, unknown>[] = [
  { like: 'a%', gte: 'alex' },
  { like: 'a%', lt: 'alex@x.io' },
  { like: 'al%', ne: 'alex@x.io' },
  { like: 'a%', like2: undefined },
  { gte: 'd', lt: 'j', notIn: ['eve@x.io'] },
  { like: '%@x.io', gte: 'e' },
  { like: 'j_hn%', gte: 'j' },
  { gt: 'z' },
].map((range) => Object.fromEntries(Object.entries(range).filter(([key]) => key !== 'like2')));

const scenarios: QueryScenario[] = [
  ...RANGES.flatMap((range, i) => [
    many(`with posts publishedAt ${i}`, 'users', {
      columns: { id: true },
      orderBy: asc,
      with: { posts: { columns: { id: true, publishedAt: true }, where: { publishedAt: range }, orderBy: asc } },
    }),
    many(`with posts publishedAt limit 1 ${i}`, 'users', {
      columns: { id: true },
      orderBy: asc,
      with: {
        posts: { columns: { id: true }, where: { publishedAt: range }, orderBy: { publishedAt: 'desc' }, limit: 1 },
      },
    }),
    many(`relation filter posts publishedAt ${i}`, 'users', {
      columns: { id: true },
      where: { posts: { publishedAt: range } },
      orderBy: asc,
    }),
    many(`posts author and publishedAt ${i}`, 'posts', {
      columns: { id: true },
      where: { authorId: { in: [1, 3, 4] }, publishedAt: range },
      orderBy: asc,
    }),
    {
      name: `count posts publishedAt ${i}`,
      table: 'posts',
      method: 'count',
      config: { where: { publishedAt: range } },
    } as QueryScenario,
    {
      name: `paginate posts publishedAt ${i}`,
      table: 'posts',
      method: 'paginate',
      pageSize: 2,
      config: { columns: { id: true }, where: { authorId: 1, publishedAt: range }, orderBy: { publishedAt: 'asc' } },
    } as QueryScenario,
  ]),
  ...ID_RANGES.map((range, i) =>
    many(`id ranges ${i}`, 'posts', { columns: { id: true }, where: { id: range }, orderBy: asc }),
  ),
  ...EMAILS.map((range, i) =>
    many(`email ranges ${i}`, 'users', {
      columns: { email: true },
      where: { email: range },
      orderBy: { email: 'asc' },
    }),
  ),
];

describe('range intersections through relations, counts, pages and ids agree with Drizzle', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleQuery(drizzleDb, scenario);
    const mine = await runConvexQuery(convex.t, convex.idMap, scenario);
    expect(mine).toEqual(drizzle);
  });
});
