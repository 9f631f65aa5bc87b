import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  number,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

const vals = convexTable('vals', { name: text().notNull(), score: number(), v: number() }, (t) => [
  aggregateIndex('vals_by_score').on(t.score).count().sum(t.v).shards(1),
]);
const schema = defineSchema({ vals });
const orm = createOrm({ relations: defineRelations({ vals }) });
const tables = [vals].map(getTableConfig);

async function world(served: boolean, write: (db: any) => Promise<void>) {
  const t = convexTest(schema, modules);
  if (served) await backfillAll(t, 100, tables);
  await t.run((ctx) => write(orm.db(ctx as never)));
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    return {
      zero: await db.query.vals.count({ where: { score: 0 } }),
      negZero: await db.query.vals.count({ where: { score: -0 } }),
      groups: await db.query.vals.groupBy({ by: ['score'], _count: true }),
      explain: (await db.query.vals.count({ where: { score: 0 } }).explain()).aggregate,
    };
  });
}

describe('-0 and 0 keys of a number() key column', () => {
  it('one statement inserting keys 0 and -0: served count equals the scan', async () => {
    const write = (db: any) =>
      db.insert(vals).values([
        { name: 'a', score: 0 },
        { name: 'b', score: -0 },
      ]);
    const scanned = await world(false, write);
    const served = await world(true, write);
    expect(served.explain).toMatch(/^aggregate index/);
    expect({ zero: served.zero, negZero: served.negZero }).toEqual({ zero: scanned.zero, negZero: scanned.negZero });
    expect(scanned).toMatchObject({ zero: 1, negZero: 1 });
  });
  it('separate statements: served groupBy equals the scanned groupBy', async () => {
    const write = async (db: any) => {
      await db.insert(vals).values({ name: 'a', score: 0 });
      await db.insert(vals).values({ name: 'b', score: -0 });
    };
    const scanned = await world(false, write);
    const served = await world(true, write);
    // Convex and the `eq` filter tell 0 and -0 apart, so they are two groups.
    expect(scanned.groups).toEqual([
      { score: -0, _count: 1 },
      { score: 0, _count: 1 },
    ]);
    expect(served.groups).toEqual(scanned.groups);
  });
  it('an update moving a row from key 0 to key -0: served count equals the scan', async () => {
    const write = async (db: any) => {
      await db.insert(vals).values({ name: 'a', score: 0 });
      await db.update(vals).set({ score: -0 }).where({ name: 'a' });
    };
    const scanned = await world(false, write);
    const served = await world(true, write);
    expect({ zero: served.zero, negZero: served.negZero }).toEqual({ zero: scanned.zero, negZero: scanned.negZero });
    expect(scanned).toMatchObject({ zero: 0, negZero: 1 });
  });
});
