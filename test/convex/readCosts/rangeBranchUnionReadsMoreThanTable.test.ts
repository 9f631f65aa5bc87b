// An OR across fields whose branches only index *ranges* narrow stays a residual over the single
// read (src/planner/union.ts): a range's size is unknown, and a union would read the rows two
// branches reach once per branch, up to the table once each. So such a query reads no more than
// the table the single read walks, fits the scan budget the table fits, and on a soft-deleting
// table reads the live rows only.
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
  timestamp,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { counted, orm, seeded } from './fixture';

// 300 users: score i (>= 10 for 290 of them), age 20 + i (>= 30 for 249 of them; null every 7th).
const wide = { OR: [{ score: { gte: 10 } }, { age: { gte: 30 } }] } as const;

describe('an OR across fields of wide range branches', () => {
  it('reads no more than the table the single read walks (300 documents)', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => ({
      rows: await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where: wide, columns: { name: true } })),
      count: await counted(raw, (ctx) => orm.db(ctx).query.users.count({ where: wide })),
    }));
    expect(out.rows.result).toHaveLength(290);
    expect(out.count.result).toBe(290);
    expect(out.rows.reads.documents).toBeLessThanOrEqual(300);
    expect(out.count.reads.documents).toBeLessThanOrEqual(300);
  });

  it('a query the table fits in its scan budget does not fail with SCAN_BUDGET_EXCEEDED', async () => {
    const t = await seeded(300, 0);
    const outcome = await t.run((raw: any) =>
      orm
        .db(raw)
        .query.users.findMany({ where: wide, scanBudget: 400 })
        .then(
          (rows: any[]) => `${rows.length} rows`,
          (error: any) => `${error.code}: ${error.message}`,
        ),
    );
    expect(outcome).toBe('290 rows');
  });
});

describe('on a soft-deleting table', () => {
  const events = convexTable(
    'events',
    { kind: text().notNull(), score: integer().notNull(), deletedAt: timestamp() },
    (t) => [
      index('by_deleted').on(t.deletedAt),
      index('by_kind').on(t.kind),
      index('by_score').on(t.score),
      deletion('soft', { column: t.deletedAt }),
    ],
  );
  const tables = { events };
  const softOrm = createOrm({ relations: defineRelations(tables, () => ({})) });

  it('reads no more than the live rows the single read walks', async () => {
    const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
    // 200 events, the first 180 soft-deleted: 20 live rows.
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 200; i++) {
        await ctx.db.insert('events', {
          kind: i % 2 === 0 ? 'a' : 'b',
          score: i,
          ...(i < 180 ? { deletedAt: 1 } : {}),
        });
      }
    });
    const where = { OR: [{ score: { gte: 5 } }, { kind: 'a' }] } as const;
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await softOrm.db(ctx).query.events.findMany({ where });
      return {
        rows: rows.length,
        documents: reads.documents,
        explain: softOrm.db(raw).query.events.findMany({ where }).explain(),
      };
    });
    expect(out.rows).toBe(20);
    expect(out.documents).toBeLessThanOrEqual(20);
  });
});
