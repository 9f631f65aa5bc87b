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

describe('served _min/_max over soft-deleted extremes', () => {
  it('a player with 2 live scores and 300 soft-deleted lower ones: min/max within a scan budget of 50', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(scores).values(Array.from({ length: 300 }, (_, i) => ({ player: 'p', points: i })));
      await db.insert(scores).values([
        { player: 'p', points: 1000 },
        { player: 'p', points: 2000 },
      ]);
      await db.delete(scores).where({ points: { lt: 300 } });
    });
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 500));
      if (step.batch === null) break;
    }
    const out = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted as never);
      const result = await db.query.scores
        .aggregate({
          where: { player: 'p' },
          _count: true,
          _min: { points: true },
          _max: { points: true },
          scanBudget: 50,
        })
        .then(
          (value) => value,
          (error: { code?: string }) => error.code,
        );
      return { result, documents: reads.documents };
    });
    expect(out.result).toEqual({ _count: 2, _min: { points: 1000 }, _max: { points: 2000 } });
    // The scan reads the 2 live rows; the buckets and extrema a handful more, never the 300 deleted rows.
    expect(out.documents).toBeLessThan(20);
  });
});
