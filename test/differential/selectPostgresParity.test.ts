// @vitest-environment node
/**
 * db.select() outcomes that differed from Drizzle v1 on Postgres (PGlite, the differential fixture)
 * without docs/divergences.md or docs/select.md saying so: `sum` of a `bigint()` column was refused
 * (Postgres sums int8 exactly, as a numeric); `min`/`max` of a boolean or json column returned a
 * value (Postgres has no such aggregate); a `like`/`ilike` pattern ending in the escape character
 * matched a literal backslash (Postgres raises). Each test runs the query on both ORMs and asserts
 * that convex-orm's outcome is Drizzle's. And `db.query.x.aggregate`/`groupBy` refused `_sum`/`_avg`
 * of a `bigint()` column: now they give Postgres's sum(int8) exactly and its avg rounded once, read
 * from the rows or served by an aggregate index.
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as convexTables, orm } from './fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;
/** A second backend whose aggregate indexes are built: the reads they serve are served. */
let served: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex, served } = await bootSelectBackends());
}, 60_000);

type Settled = { value: unknown } | { error: unknown };
const settle = async (run: () => PromiseLike<unknown>): Promise<Settled> => {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
};
const onDrizzle = (run: (db: any, t: any, op: any) => PromiseLike<unknown>) =>
  settle(() => run(drizzleDb, drizzleTables, drizzleOrm));
const onConvex = (run: (db: any, t: any, op: any) => PromiseLike<unknown>) =>
  settle(() => convex.t.run((ctx) => run(orm.db(ctx), convexTables, convexOrm) as Promise<never>));
const code = (outcome: Settled) => ('error' in outcome ? (outcome.error as { code?: string }).code : undefined);

describe('db.select() against Drizzle on Postgres', () => {
  it('sum of a bigint() column: exact, as Postgres sums it (a numeric)', async () => {
    const query = (db: any, t: any, op: any) =>
      db
        .select({ total: op.sum(t.studentGrades.points), distinct: op.sumDistinct(t.studentGrades.points) })
        .from(t.studentGrades);
    const drizzle = await onDrizzle(query);
    // '2009007199254741045' and '2009007199254740040' (points hold 10^18+1, 10^18+2, 2^53+1, ...).
    expect(drizzle).toEqual({ value: [{ total: '2009007199254741045', distinct: '2009007199254741040' }] });
    const result = await onConvex(query);
    expect(result, 'convex-orm rejected sum(bigint column)').toHaveProperty('value');
    const [row] = (result as { value: { total: unknown; distinct: unknown }[] }).value;
    // Exact, as Postgres: a bigint (or the numeric's text), not a rounded float.
    expect(String(row!.total)).toBe('2009007199254741045');
    expect(String(row!.distinct)).toBe('2009007199254741040');
  });

  it.each([
    ['min of a boolean column', 'min', 'users', 'verified', /function min\(boolean\) does not exist/],
    ['max of a boolean column', 'max', 'users', 'verified', /function max\(boolean\) does not exist/],
    ['max of a json column', 'max', 'posts', 'meta', /function max\(jsonb\) does not exist/],
  ] as const)(
    '%s: Postgres has no such aggregate; convex-orm refuses it (INVALID_QUERY), never a value',
    async (_, fn, table, column, postgres) => {
      const query = (db: any, t: any, op: any) => db.select({ value: op[fn](t[table][column]) }).from(t[table]);
      const drizzle = await onDrizzle(query);
      expect(String((drizzle as { error: { cause?: unknown } }).error?.cause)).toMatch(postgres);
      const result = await onConvex(query);
      expect(result, `convex-orm returned ${JSON.stringify((result as { value?: unknown }).value)}`).toHaveProperty(
        'error',
      );
      expect(code(result)).toBe('INVALID_QUERY');
    },
  );

  it('like / ilike with a pattern ending in the escape character: INVALID_FILTER, as Postgres raises', async () => {
    for (const operator of ['like', 'ilike'] as const) {
      const query = (db: any, t: any, op: any) =>
        db.select({ title: t.posts.title }).from(t.posts).where(op[operator](t.posts.title, 'Save\\'));
      const drizzle = await onDrizzle(query);
      expect(String((drizzle as { error: { cause?: unknown } }).error?.cause)).toMatch(
        /LIKE pattern must not end with escape character/,
      );
      const result = await onConvex(query);
      expect(
        result,
        `${operator}: convex-orm returned ${JSON.stringify((result as { value?: unknown }).value)}`,
      ).toHaveProperty('error');
      expect(code(result)).toBe('INVALID_FILTER');
    }
  });
});

describe('_sum / _avg of a bigint() column against Postgres sum(int8) / avg(int8)', () => {
  const perCourse = (db: any, t: any, op: any) =>
    db
      .select({
        courseId: t.studentGrades.courseId,
        total: op.sum(t.studentGrades.points),
        mean: op.avg(t.studentGrades.points),
      })
      .from(t.studentGrades)
      .groupBy(t.studentGrades.courseId)
      .orderBy(op.desc(op.sum(t.studentGrades.points)));
  const overall = (db: any, t: any, op: any) =>
    db.select({ total: op.sum(t.studentGrades.points), mean: op.avg(t.studentGrades.points) }).from(t.studentGrades);

  it.each([
    ['read from the rows', () => convex],
    ['served by an aggregate index', () => served],
  ])('aggregate and groupBy, %s: the exact sum, the mean rounded once', async (_, backend) => {
    type PostgresRow = { courseId?: number; total: string | null; mean: string | null };
    const postgresGroups: PostgresRow[] = await perCourse(drizzleDb, drizzleTables, drizzleOrm);
    const [postgresAll]: PostgresRow[] = await overall(drizzleDb, drizzleTables, drizzleOrm);
    const { groups, all, plan } = await backend().t.run(async (ctx) => {
      const db = orm.db(ctx);
      const query = db.query.studentGrades.aggregate({ _sum: { points: true }, _avg: { points: true } });
      return {
        groups: await db.query.studentGrades.groupBy({
          by: ['courseId'],
          _sum: { points: true },
          _avg: { points: true },
          orderBy: { _sum: { points: 'desc' } },
        }),
        all: await query,
        plan: (await query.explain()).aggregate,
      };
    });
    expect(plan).toMatch(backend() === served ? /^aggregate index grades_by_course$/ : /^building: /);
    // Postgres's numeric as text: the sum exactly, the mean (a numeric with 16 decimals) to the nearest float64.
    const shaped = (total: bigint | null, mean: number | null) => ({
      total: total === null ? null : String(total),
      mean,
    });
    const expected = (row: { total: string | null; mean: string | null }) => ({
      total: row.total,
      mean: row.mean === null ? null : Number(row.mean),
    });
    // DESC puts a null sum first in Postgres, last in Convex's value order (docs/divergences.md).
    const inConvexOrder = [
      ...postgresGroups.filter((row) => row.total !== null),
      ...postgresGroups.filter((row) => row.total === null),
    ].map((row) => ({ courseId: row.courseId, ...expected(row) }));
    expect(shaped(all._sum.points, all._avg.points)).toEqual(expected(postgresAll!));
    expect(groups.map((g) => ({ courseId: g.courseId, ...shaped(g._sum.points, g._avg.points) }))).toEqual(
      inConvexOrder,
    );
    // db.select() of the same, served or read from the rows, agrees.
    const selected = await backend().t.run((ctx) => perCourse(orm.db(ctx), convexTables, convexOrm));
    expect(
      (selected as { courseId: number; total: bigint | null; mean: number | null }[]).map((row) => ({
        courseId: row.courseId,
        ...shaped(row.total, row.mean),
      })),
    ).toEqual(inConvexOrder);
  });
});
