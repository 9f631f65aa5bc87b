// @vitest-environment node
/**
 * Aggregate reads over intersected ranges (aggregate/plan.ts takes the intersection of
 * every range condition on the key field after the equalities): served by a built aggregate index
 * and read from the rows, counts and sums equal Drizzle's on Postgres.
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as convexTables, orm } from './fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;
let served: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex, served } = await bootSelectBackends());
}, 60_000);

const COURSE_WHERES: Record<string, unknown>[] = [
  { courseId: { gte: 2, lte: 4 } },
  { courseId: { gte: 2, ne: 2 } },
  { courseId: { gt: 1, lt: 4, ne: 3 } },
  { courseId: { gte: 3, lte: 3 } },
  { courseId: { gt: 3, lt: 3 } },
  { courseId: { gte: 4, lte: 2 } },
  { courseId: { isNotNull: true, lt: 3 } },
  { courseId: { notIn: [1, 2], lte: 4 } },
  { courseId: { notIn: [4, 9], gte: 4 } },
  { courseId: { in: [1, 2, 3], gt: 1 } },
  { AND: [{ courseId: { gte: 2 } }, { courseId: { lt: 9 } }, { courseId: { ne: 4 } }] },
  { courseId: { gte: -0, lte: 1 } },
];
const ROLE_WHERES: Record<string, unknown>[] = [
  { role: { gte: 'admin', lt: 'member' } },
  { role: { gt: 'admin', ne: 'member' } },
  { role: { like: 'mem%', gte: 'member' } },
  { role: { like: 'a%', ne: 'admin' } },
  { role: { gte: 'admin', lte: 'member', ne: 'admin' } },
  { role: 'member', verified: { gte: false, lt: true } },
  { role: 'admin', verified: { gt: false, ne: true } },
];

describe('aggregate reads over intersected key ranges agree with Postgres', () => {
  for (const [name, backend] of [
    ['read from the rows', () => convex],
    ['served by an aggregate index', () => served],
  ] as const) {
    it(`studentGrades count and _sum(points) by courseId ranges, ${name}`, async () => {
      const failures: string[] = [];
      for (const where of COURSE_WHERES) {
        const pgRows: { points: bigint | null }[] = await drizzleDb.query.studentGrades.findMany({
          where: where as never,
        });
        const pgSum = pgRows.some((row) => row.points !== null)
          ? pgRows.reduce((total, row) => total + (row.points ?? 0n), 0n)
          : null;
        const got = await backend().t.run(async (ctx) => {
          const db = orm.db(ctx);
          const count = await db.query.studentGrades.count({ where: where as never });
          const agg = db.query.studentGrades.aggregate({ where: where as never, _count: true, _sum: { points: true } });
          const result = await agg;
          return { count, aggCount: result._count, sum: result._sum.points, plan: (await agg.explain()).aggregate };
        });
        const line = `${JSON.stringify(where)} (${got.plan})`;
        if (got.count !== pgRows.length) failures.push(`count ${line}: ${got.count} vs ${pgRows.length}`);
        if (got.aggCount !== pgRows.length) failures.push(`_count ${line}: ${got.aggCount} vs ${pgRows.length}`);
        if (String(got.sum) !== String(pgSum)) failures.push(`_sum ${line}: ${got.sum} vs ${pgSum}`);
      }
      expect(failures).toEqual([]);
    });

    it(`users count by role (and verified) ranges, ${name}`, async () => {
      const failures: string[] = [];
      for (const where of ROLE_WHERES) {
        const pgRows = await drizzleDb.query.users.findMany({ where: where as never });
        const got = await backend().t.run(async (ctx) => orm.db(ctx).query.users.count({ where: where as never }));
        if (got !== pgRows.length) failures.push(`${JSON.stringify(where)}: ${got} vs ${pgRows.length}`);
      }
      expect(failures).toEqual([]);
    });

    it(`select count() where between / ne on courseId, ${name}`, async () => {
      const query = (db: any, t: any, op: any) =>
        db
          .select({ n: op.count() })
          .from(t.studentGrades)
          .where(
            op.and(
              op.between(t.studentGrades.courseId, 1, 4),
              op.ne(t.studentGrades.courseId, 1),
              op.gte(t.studentGrades.courseId, 2),
            ),
          );
      const pg = await query(drizzleDb, drizzleTables, drizzleOrm);
      const got = await backend().t.run((ctx) => query(orm.db(ctx), convexTables, convexOrm) as Promise<never>);
      expect((got as { n: number }[]).map(({ n }) => Number(n))).toEqual(pg.map(({ n }: { n: number }) => Number(n)));
    });
  }
});
