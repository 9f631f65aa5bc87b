import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  number,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

// A nullable number() key holding null, absent, NaN and numbers: ranges, isNull, ne
// and NaN equality give the same counts and groups served by the aggregate index as by the scan.
const scores = convexTable('scores', { score: number(), v: number() }, (t) => [
  index('by_score').on(t.score),
  aggregateIndex('scores_by_score').on(t.score).count().sum(t.v).shards(3),
]);
const schema = defineSchema({ scores });
const relations = defineRelations({ scores });
const orm = createOrm({ relations });
const tables = [getTableConfig(scores)];

async function reads(backfilled: boolean) {
  const t = convexTest(schema, modules);
  if (backfilled) await backfillAll(t, 100, tables);
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .insert(scores)
      .values([
        { score: null, v: 1 },
        { v: 2 },
        { score: 1, v: 3 },
        { score: 7 },
        { score: Number.NaN, v: 5 },
        { score: Number.NaN, v: 6 },
        { score: Number.NaN, v: 7 },
      ]);
  });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const lt = db.query.scores.count({ where: { score: { lt: 5 } } });
    return {
      explained: (await lt.explain()).aggregate,
      lt: await lt,
      isNull: await db.query.scores.aggregate({ where: { score: { isNull: true } }, _count: true, _sum: { v: true } }),
      notNull: await db.query.scores.count({ where: { score: { isNotNull: true } } }),
      ne: await db.query.scores.count({ where: { score: { ne: 1 } } }),
      nan: await db.query.scores.aggregate({ where: { score: Number.NaN }, _count: true, _sum: { v: true } }),
      groups: JSON.stringify(
        await db.query.scores.groupBy({ by: ['score'], _count: true, _sum: { v: true } }),
        (_, value) => (typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value),
      ),
    };
  });
}

describe('null, absent and NaN keys, served and scanned', () => {
  it('agree, and the served read is served', async () => {
    const served = await reads(true);
    const scanned = await reads(false);
    expect(served.explained).toMatch(/^aggregate index scores_by_score/);
    expect(scanned.explained).toMatch(/^building/);
    expect({ ...served, explained: null }).toEqual({ ...scanned, explained: null });
    expect(served).toMatchObject({
      lt: 1,
      isNull: { _count: 2, _sum: { v: 3 } },
      notNull: 5,
      ne: 4,
      nan: { _count: 3, _sum: { v: 18 } },
    });
  });
});
