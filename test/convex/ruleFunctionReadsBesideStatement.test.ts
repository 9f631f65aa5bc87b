import { describe, expect, it } from 'vitest';
import { createOrm, defineRules, gt, type Orm } from '../../src/index';
import { limitedBackend, notes, relations, orm as unruled } from './limitsFixture';

// A query whose async rule function reads raw, started beside a bypass
// statement in one Promise.all: the statement waits its turn and counts the rule function's reads.

const reading: Orm<typeof relations> = createOrm({
  relations,
  rules: defineRules(relations, async (ctx: any) => {
    await ctx.db.query('blobs').collect();
    return { notes: {} };
  }),
});

async function backend(documentsRead = 20) {
  const t = limitedBackend({ documentsRead });
  await t.run(async (ctx) => {
    for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: `b${i}` });
    for (let i = 0; i < 6; i++) await ctx.db.insert('notes', { title: `n${i}`, body: null });
  });
  return t;
}

describe("a rule function's reads while another statement of the transaction runs", () => {
  it('a statement running beside the rule function: the typed error and no row written, or every row', async () => {
    const t = await backend();
    const update = await t.run(async (ctx) => {
      const settled = await Promise.allSettled([
        reading.db(ctx).query.notes.findFirst(),
        unruled.db(ctx).update(notes).set({ body: 1 }).where(gt(notes.title, '')),
      ]);
      const result = settled[1];
      return result.status === 'fulfilled' ? 'ok' : ((result.reason as any)?.code ?? String(result.reason));
    });
    const changed = await t.run(
      async (ctx) => (await ctx.db.query('notes').collect()).filter((note) => note.body === 1).length,
    );
    const out = { update, changed };
    expect([
      { update: 'SCAN_BUDGET_EXCEEDED', changed: 0 },
      { update: 'ok', changed: 6 },
    ]).toContainEqual(out);
  });
});
