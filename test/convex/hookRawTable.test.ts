import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';
import { rejection } from './mutationHarness';

// As beforeHookRawWrites.test.ts, but the hook writes through ctx.raw.table(name), a member of Convex's writer.
describe('raw writes through ctx.raw.table() are counted like ctx.raw.insert()', () => {
  it('the statement fails with the typed WRITE_BUDGET_EXCEEDED, nothing of it written', async () => {
    const t = limitedBackend({ documentsWritten: 10 });
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          beforeInsert: async (row, ctx) => {
            for (let i = 0; i < 3; i++) await (ctx.raw as any).table('notes').insert({ title: `raw${i}`, body: null });
            return row;
          },
        },
      }),
    });
    const out = await t.run(async (ctx) => {
      const err = await rejection(
        orm
          .db(ctx)
          .insert(folders)
          .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
      );
      return { code: err.code, message: String(err.message).slice(0, 160) };
    });
    expect(out).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED' });
  });
});
