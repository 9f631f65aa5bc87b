import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { aggregateStatuses, backfillNext } from '../../../src/aggregate/backfill';
import { definitionOf } from '../../../src/aggregate/state';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  integer,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig, type TableConfig } from '../../../src/schema/table';

// Which rows are live is part of what an aggregate index's buckets mean: the buckets leave
// soft-deleted rows out (`isLive`). Adding `deletion('soft')` to a table (or removing it, or
// pointing it at another column) changes which stored rows the buckets must count, exactly as
// changing the key or the summed columns does, so the index must not serve its old buckets.

/** One version of the table: with or without `deletion('soft')` on `deletedAt`. */
function version(soft: boolean) {
  const tasks = convexTable(
    'tasks',
    { title: text().notNull(), status: text().notNull(), points: integer(), deletedAt: timestamp() },
    (t) => [
      ...(soft ? [deletion('soft', { column: t.deletedAt })] : []),
      aggregateIndex('tasks_by_status').on(t.status).count().sum(t.points),
    ],
  );
  return {
    tasks,
    schema: defineSchema({ tasks }),
    orm: createOrm({ relations: defineRelations({ tasks }) }),
    tables: [tasks].map(getTableConfig),
  };
}

const plainVersion = version(false);
const softVersion = version(true);

async function backfill(t: ReturnType<typeof convexTest>, tables: TableConfig[]) {
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
    if (step.batch === null) return;
  }
}

/** Four open tasks, two of them already marked deleted by the app's own `deletedAt` column, built under `from`. */
async function seeded(from: ReturnType<typeof version>) {
  const t = convexTest(from.schema, modules);
  await t.run(async (ctx) => {
    for (const [title, points, deletedAt] of [
      ['a', 1, null],
      ['b', 2, null],
      ['c', 4, 1_700_000_000_000],
      ['d', 8, 1_700_000_000_000],
    ] as const)
      await ctx.db.insert('tasks', { title, status: 'open', points, deletedAt } as never);
  });
  await backfill(t, from.tables);
  return t;
}

async function read(t: ReturnType<typeof convexTest>, v: ReturnType<typeof version>) {
  return t.run(async (ctx) => {
    const db = v.orm.db(ctx as never) as any;
    return {
      count: await db.query.tasks.count({ where: { status: 'open' } }),
      sum: (await db.query.tasks.aggregate({ where: { status: 'open' }, _sum: { points: true } }))._sum.points,
      listed: (await db.query.tasks.findMany({ where: { status: 'open' } })).length,
      explained: (await db.query.tasks.count({ where: { status: 'open' } }).explain()).aggregate as string,
    };
  });
}

const status = async (t: ReturnType<typeof convexTest>, v: ReturnType<typeof version>) =>
  (await t.run((ctx) => aggregateStatuses(ctx.db as never, v.tables)))[0]!.status;

/**
 * Reads under `next` over buckets built under the other version: right (the scan, as the index is
 * `changed`), then rebuilt by the backfill and served, still right.
 */
async function readsUnder(
  t: ReturnType<typeof convexTest>,
  next: ReturnType<typeof version>,
  expected: { count: number; sum: number },
) {
  const stale = await read(t, next);
  expect(stale.listed).toBe(expected.count);
  expect({ count: stale.count, sum: stale.sum }).toEqual(expected);
  expect(await status(t, next)).toBe('changed');
  expect(stale.explained).toMatch(/^building: aggregate index tasks_by_status .* built for an earlier definition/);
  await backfill(t, next.tables);
  expect(await status(t, next)).toBe('ready');
  const served = await read(t, next);
  expect(served.explained).toMatch(/^aggregate index tasks_by_status \(status = /);
  expect(served).toMatchObject({ ...expected, listed: expected.count });
}

describe("changing a table's deletion() changes what its aggregate buckets must count", () => {
  it("adding deletion('soft') over rows whose column is set: count and sum hide them, as findMany does", async () => {
    // Served from the buckets built when every row was live, they said 4 rows, 15 points.
    await readsUnder(await seeded(plainVersion), softVersion, { count: 2, sum: 3 });
  });

  it("removing deletion('soft'): rows with the column set are live again and counted", async () => {
    // Served from the buckets built without them, they said 2 rows, 3 points.
    await readsUnder(await seeded(softVersion), plainVersion, { count: 4, sum: 15 });
  });

  it('a table without deletion() keeps the definition it had, so its indexes are not rebuilt', () => {
    const [plain, soft] = [plainVersion, softVersion].map((v) => definitionOf(v.tables[0]!.aggregateIndexes[0]!));
    expect(plain).toBe('{"key":["status"],"summed":["points"],"shards":4,"sums":"exact"}');
    expect(soft).toBe('{"key":["status"],"summed":["points"],"shards":4,"sums":"exact","deletion":"deletedAt"}');
  });
});
