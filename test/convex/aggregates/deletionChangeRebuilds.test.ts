import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
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
    };
  });
}

describe("changing a table's deletion() changes what its aggregate buckets must count", () => {
  it("adding deletion('soft') over rows whose column is set: count and sum hide them, as findMany does", async () => {
    const t = await seeded(plainVersion);
    const result = await read(t, softVersion);
    expect(result.listed).toBe(2);
    // Served from buckets built when every row was live: 4 rows, 15 points.
    expect({ count: result.count, sum: result.sum }).toEqual({ count: 2, sum: 3 });
  });

  it("removing deletion('soft'): rows with the column set are live again and counted", async () => {
    const t = await seeded(softVersion);
    const result = await read(t, plainVersion);
    expect(result.listed).toBe(4);
    expect({ count: result.count, sum: result.sum }).toEqual({ count: 4, sum: 15 });
  });
});
