/**
 * On a `deletion('soft')` table a read of every live row is a full scan (explain's
 * `fullScan: true`, refused by strict), also when that range comes from two conditions: the ORM's
 * own `deletedAt IS NULL` and a where `deletedAt: { OR: [{ isNull: true }, { gt: 5000 }] }`
 * intersect to exactly it (`absentOrNull`, src/planner/evaluateIndex.ts, judges the interval, not
 * the number of conditions). Taken for a narrowing range, it read every live row and sorted them
 * where the index giving the order reads as many rows as the limit.
 */
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  integer,
  text,
} from '../../../src/index';

const tasks = convexTable('tasks', { title: text().notNull(), deletedAt: integer() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  index('by_title').on(t.title),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { tasks };
const orm = createOrm({ relations: defineRelations(tables) });
const strictOrm = createOrm({ relations: defineRelations(tables), strict: true });

describe('a read of every live row is a full scan however its range is written', () => {
  it('live rows OR deleted later: the same range, the same fullScan and strict verdict', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 20; i++) await ctx.db.insert('tasks', { title: `t${i}` });
      for (let i = 0; i < 5; i++) await ctx.db.insert('tasks', { title: `d${i}`, deletedAt: 1000 + i });
    });
    const got = await t.run(async (raw) => {
      const out: Record<string, unknown> = {};
      const queries = {
        'no where': {},
        'live or deleted after 5000': { where: { deletedAt: { OR: [{ isNull: true }, { gt: 5000 }] } } },
      };
      for (const [name, q] of Object.entries(queries)) {
        const counted = countReads(raw);
        const explained = orm
          .db(counted.ctx)
          .query.tasks.findMany(q as never)
          .explain();
        const rows = await orm.db(counted.ctx).query.tasks.findMany(q as never);
        let strict = 'ran';
        try {
          await strictOrm.db(raw).query.tasks.findMany(q as never);
        } catch (error) {
          strict = (error as { code?: string }).code ?? String(error);
        }
        out[name] = {
          ranges: explained.ranges,
          rows: rows.length,
          documents: counted.reads.documents,
          fullScan: explained.fullScan,
          strict,
        };
      }
      return out;
    });
    const liveRows = {
      ranges: ['deletedAt <= null'],
      rows: 20,
      documents: 20,
      fullScan: true,
      strict: 'FULL_SCAN_FORBIDDEN',
    };
    expect(got).toEqual({ 'no where': liveRows, 'live or deleted after 5000': liveRows });
  });

  it('the live rows range written with the OR does not displace the index that gives the order', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 50; i++) await ctx.db.insert('tasks', { title: `t${String(i).padStart(2, '0')}` });
    });
    const reads = (q: object) =>
      t.run(async (raw) => {
        const counted = countReads(raw);
        const rows = await orm.db(counted.ctx).query.tasks.findMany(q as never);
        return { titles: (rows as { title: string }[]).map((row) => row.title), documents: counted.reads.documents };
      });
    const plain = await reads({ orderBy: { title: 'asc' }, limit: 3 });
    const withOr = await reads({
      where: { deletedAt: { OR: [{ isNull: true }, { gt: 5000 }] } },
      orderBy: { title: 'asc' },
      limit: 3,
    });
    expect(plain).toEqual({ titles: ['t00', 't01', 't02'], documents: 3 });
    expect(withOr).toEqual(plain);
  });
});
