import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

// An upsert's update-branch beforeUpdate hook that writes rows of the upsert's own table: later
// rows look their keys up afresh, and with no span of keys read ahead (per-row lookups, always for
// a one-row upsert) the rows the hook wrote are not read back, so a workload Convex has room for
// (thousands of hook rows, megabytes of them) is not refused for ranges or bytes it never read.
const items = convexTable('items', { code: text().notNull().unique(), note: text(), body: text() });
const blobs = convexTable('blobs', { body: text().notNull() });
const schema = defineSchema({ items, blobs });
const relations = defineRelations({ items, blobs });

function backend(hookRows: number, body = '') {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      items: {
        beforeUpdate: async ({ old, new: next }, ctx) => {
          // Audit copies of the row kept in its own table, written raw (nothing fires for them).
          if (old.code === 'x') {
            for (let i = 0; i < hookRows; i++) await ctx.raw.insert('items', { code: `audit${i}`, body });
          }
          return next;
        },
      },
    }),
  });
  return { t, orm };
}

async function upsertX(
  t: ReturnType<typeof convexTest>,
  orm: ReturnType<typeof createOrm>,
  before?: (ctx: any) => Promise<void>,
) {
  await t.run(async (ctx) => {
    await ctx.db.insert('items', { code: 'x' });
    for (let i = 0; i < 4; i++) await ctx.db.insert('blobs', { body: 'b'.repeat(1_000_000) });
  });
  return t.run(async (ctx) => {
    try {
      if (before) await before(ctx);
      await orm
        .db(ctx as never)
        .insert(items)
        .values({ code: 'x' })
        .onConflictDoUpdate({ target: items.code, set: { note: 'updated' } });
      const metrics = await (ctx as any).meta.getTransactionMetrics();
      return { outcome: 'ok', ranges: metrics.databaseQueries.used as number };
    } catch (error) {
      return {
        outcome: `${(error as { code?: string }).code ?? ''} ${String((error as Error).message).slice(0, 200)}`,
      };
    }
  });
}

describe('upsert whose beforeUpdate hook writes its own table, keys looked up per row (no span)', () => {
  it('reads none of the rows the hook wrote back: the one-row upsert opens a couple of ranges, not one per hook row', async () => {
    const { t, orm } = backend(100);
    const result = await upsertX(t, orm);
    expect(result.outcome).toBe('ok');
    // The key lookup of 'x' (and at most a range or two more), not a db.get per audit row.
    expect(result.ranges).toBeLessThanOrEqual(3);
  });

  it('a hook writing 4,100 rows (Convex counts 1 range, 4,101 documents written) is not refused for index ranges', async () => {
    const { t, orm } = backend(4100);
    const result = await upsertX(t, orm);
    // Not SCAN_BUDGET_EXCEEDED for index ranges: the 4,100 rows are written, not read.
    expect(result.outcome).toBe('ok');
  }, 60_000);

  it('nor for bytes read: 12 audit rows of 1,000,000 bytes after the caller read 4 MB', async () => {
    const { t, orm } = backend(12, 'a'.repeat(1_000_000));
    const result = await upsertX(t, orm, async (ctx) => {
      // The caller's own reads: 4 MB, leaving 11 MiB of the ORM's 15 MiB budget.
      await ctx.db.query('blobs').collect();
    });
    // Not SCAN_BUDGET_EXCEEDED for bytes read: the 12 MB the hook wrote are not read back.
    expect(result.outcome).toBe('ok');
  }, 60_000);
});
