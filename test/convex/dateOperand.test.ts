import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, date, defineRelations, defineSchema, text } from '../../src/index';

// A date() column holds "YYYY-MM-DD" strings only (writes of anything else are VALIDATION), and it
// compares them as strings: an operand in another form ('2024-1-5', which Postgres reads as a date)
// or a day that does not exist would silently match the wrong rows or none, so it is INVALID_FILTER
// (docs/schema.md: an operand the column cannot hold).
const days = convexTable('days', { name: text().notNull(), d: date() });
const orm = createOrm({ relations: defineRelations({ days }) });

async function outcome(f: () => Promise<string[]>) {
  try {
    return (await f()).sort();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('date() filter operands', () => {
  it.each([
    ['eq', { d: '2024-1-5' }],
    ['gt', { d: { gt: '2024-1-1' } }],
    ['lt', { d: { lt: '2024-1-1' } }],
    ['eq, a day that does not exist', { d: '2024-02-30' }],
  ])('%s with a date not written as YYYY-MM-DD: INVALID_FILTER', async (_, where) => {
    const t = convexTest({ schema: defineSchema({ days }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(days).values([
        { name: 'jan5', d: '2024-01-05' },
        { name: 'dec31', d: '2023-12-31' },
      ]);
      return outcome(async () => (await db.query.days.findMany({ where })).map((row) => row.name));
    });
    expect(out).toBe('INVALID_FILTER');
  });
});
