import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, notes, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

// docs/queries.md "Limits" / docs/triggers.md: every write, raw ones included, is reserved on the
// budget before it is made, so the transaction never writes past
// `transactionBudget.documentsWritten`: past it the ORM rejects with WRITE_BUDGET_EXCEEDED. A sync
// asked while an ORM statement has reserved its rows but not yet written them all replaces the
// reservation with Convex's report, which does not hold the rows still to be written: they drop
// out of the count, and as many writes more are let through.
describe('a sync asked while an ORM statement is writing its rows', () => {
  it('hook: a 20-row insert beside a loop of raw inserts, budget 30 writes: never more than 30 written', async () => {
    const t = limitedBackend();
    const orm = createOrm({
      relations,
      transactionBudget: { documentsWritten: 30 },
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, raw) => {
            const ctx = raw as unknown as HookCtx;
            await Promise.all([
              ctx.db.insert(notes).values(Array.from({ length: 20 }, (_, i) => ({ title: `orm${i}`, body: null }))),
              (async () => {
                for (let i = 0; i < 40; i++) await ctx.raw.insert('notes', { title: `raw${i}`, body: null });
              })(),
            ]);
          },
        },
      }),
    });
    const result = await t.run(async (ctx) => {
      let code: string | undefined;
      try {
        await orm.db(ctx).insert(folders).values({ name: 'f' });
      } catch (error) {
        code = (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
      }
      const metrics = await (ctx as any).meta.getTransactionMetrics();
      return { code, written: metrics.documentsWritten.used as number };
    });
    // 61 writes asked for (the folder, 20 + 40 notes) under a budget of 30. Observed: the typed
    // error, but only after 40 documents were written (the raw insert passing 30 synced while the
    // statement had written 10 of its 20 reserved rows; the other 10 dropped out of the count).
    expect(result.code).toBe('WRITE_BUDGET_EXCEEDED');
    expect(result.written).toBeLessThanOrEqual(30);
  });

  it("hook: the same under Convex's own limit of 30 writes (transactionLimits): the ORM's typed error, not Convex's", async () => {
    const t = limitedBackend({ documentsWritten: 30 });
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, raw) => {
            const ctx = raw as unknown as HookCtx;
            await Promise.all([
              ctx.db.insert(notes).values(Array.from({ length: 20 }, (_, i) => ({ title: `orm${i}`, body: null }))),
              (async () => {
                for (let i = 0; i < 40; i++) await ctx.raw.insert('notes', { title: `raw${i}`, body: null });
              })(),
            ]);
          },
        },
      }),
    });
    const result = await t.run(async (ctx) => {
      try {
        await orm.db(ctx).insert(folders).values({ name: 'f' });
        return { code: 'NONE', message: '' };
      } catch (error) {
        const { code = 'NOT_AN_ORM_ERROR', message } = error as { code?: string; message: string };
        return { code, message };
      }
    });
    // Observed: Convex's own "Wrote too many documents in a single function execution (limit: 30)".
    expect(result).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED' });
  });
});
