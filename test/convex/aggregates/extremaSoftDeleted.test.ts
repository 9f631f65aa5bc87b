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
  index,
  integer,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';

// `_min`/`_max` of a served aggregate read walk the extrema index (key..., column) from its
// smallest (largest) value, skipping soft-deleted rows one by one. Soft-deleted rows holding the
// extreme values are read (and charged to the scan budget) though the bucket reads say nothing of
// them: a read that the bounded scan answers in a handful of documents fails SCAN_BUDGET_EXCEEDED.
const scores = convexTable(
  'scores',
  { player: text().notNull(), points: integer().notNull(), deletedAt: timestamp() },
  (t) => [
    deletion('soft', { column: t.deletedAt }),
    // The live rows of a player, exactly: the bounded scan reads only them.
    index('by_player_live').on(t.player, t.deletedAt),
    aggregateIndex('scores_by_player').on(t.player).count().min(t.points).max(t.points).shards(1),
  ],
);
const schema = defineSchema({ scores });
const orm = createOrm({ relations: defineRelations({ scores }) });
const tables = [scores].map(getTableConfig);

/** Per player: `deleted` soft-deleted scores 0..deleted-1, then `live` scores 1000, 2000, ...; backfilled. */
async function seeded(players: Record<string, { live: number; deleted: number }>) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    for (const [player, { live, deleted }] of Object.entries(players)) {
      const rows = [
        ...Array.from({ length: deleted }, (_, i) => ({ player, points: i })),
        ...Array.from({ length: live }, (_, i) => ({ player, points: 1000 * (i + 1) })),
      ];
      await db.insert(scores).values(rows);
      await db.delete(scores).where({ player, points: { lt: 1000 } });
    }
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 500));
    if (step.batch === null) break;
  }
  return t;
}

/** `read` on a counted ctx, within a scan budget of 50: its result (or error code) and the reads it made. */
function counted<T>(t: ReturnType<typeof convexTest>, read: (db: any) => Promise<T>) {
  return t.run(async (ctx) => {
    const { ctx: countedCtx, reads } = countReads(ctx);
    const result = await read(orm.db(countedCtx as never)).then(
      (value) => value,
      (error: { code?: string }) => error.code,
    );
    return { result, reads: { ...reads } };
  });
}

const extremes = { _count: true, _min: { points: true }, _max: { points: true }, scanBudget: 50 } as const;

describe('served _min/_max over soft-deleted extremes', () => {
  it('a player with 2 live scores and 300 soft-deleted lower ones: min/max within a scan budget of 50', async () => {
    const t = await seeded({ p: { live: 2, deleted: 300 } });
    const out = await counted(t, (db) => db.query.scores.aggregate({ where: { player: 'p' }, ...extremes }));
    expect(out.result).toEqual({ _count: 2, _min: { points: 1000 }, _max: { points: 2000 } });
    // Four extrema lookups (min and max, deletedAt null and absent) would pass the 2 rows the bucket
    // counts: the state, the bucket, then the scan of the 2 live rows; never the 300 deleted rows.
    expect(out.reads.documents).toBe(4);
  });

  it('served: one index entry per _min/_max, the deletion column pinned to null and to absent', async () => {
    const t = await seeded({ p: { live: 5, deleted: 300 } });
    const out = await counted(t, (db) => db.query.scores.aggregate({ where: { player: 'p' }, ...extremes }));
    expect(out.result).toEqual({ _count: 5, _min: { points: 1000 }, _max: { points: 5000 } });
    // The state, the bucket, and the first live row of each extreme (the scan would read 5 rows).
    expect(out.reads).toEqual({ documents: 4, ranges: 2 + 2 * 2 });
  });

  it('served groupBy: one index entry per group and _min/_max', async () => {
    const t = await seeded({ p: { live: 5, deleted: 300 }, q: { live: 4, deleted: 200 } });
    const out = await counted(t, (db) => db.query.scores.groupBy({ by: ['player'], ...extremes }));
    expect(out.result).toEqual([
      { player: 'p', _count: 5, _min: { points: 1000 }, _max: { points: 5000 } },
      { player: 'q', _count: 4, _min: { points: 1000 }, _max: { points: 4000 } },
    ]);
    // The state, a bucket per player, and per player the first live row of each extreme.
    expect(out.reads).toEqual({ documents: 1 + 2 + 2 * 2, ranges: 2 + 2 * 2 * 2 });
  });
});
