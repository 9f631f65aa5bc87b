// @vitest-environment node
/**
 * `_count` of a relation with several range conditions on one field of the related rows (read over
 * the span of the parents' keys, intersected with the level's own ranges) equals the number of rows
 * the same `with` level loads, and Drizzle's count of them on Postgres.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, orm } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';

let drizzleDb: DrizzleDb;
let convex: Awaited<ReturnType<typeof bootConvex>>;
beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
}, 30_000);

const RANGES: Record<string, unknown>[] = [
  { gte: 1000, lte: 3000 },
  { gt: 1000, lt: 7000, ne: 5000 },
  { gte: 2000, lte: 2000 },
  { gte: 6000, lte: 1000 },
  { isNotNull: true, lt: 4000 },
  { isNull: true, gte: 0 },
  { notIn: [1000, 7000], gte: 1000, lte: 7000 },
  { in: [1000, 2000, 5000], gt: 1000 },
];

describe('_count over intersected ranges', () => {
  it.each(RANGES.map((range) => [JSON.stringify(range), range] as const))('%s', async (_, range) => {
    const pg = await drizzleDb.query.users.findMany({
      columns: { name: true },
      orderBy: { id: 'asc' },
      with: { posts: { columns: { id: true }, where: { publishedAt: range as never } } },
    });
    const expected = pg.map((user) => ({ name: user.name, n: user.posts.length }));
    const got = await convex.t.run(async (ctx) => {
      const users = await orm.db(ctx).query.users.findMany({
        columns: { name: true },
        orderBy: { _creationTime: 'asc' },
        _count: { posts: { where: { publishedAt: range as never } } },
      });
      return users.map((user) => ({ name: user.name, n: (user as any)._count.posts }));
    });
    expect(got).toEqual(expected);
  });
});
