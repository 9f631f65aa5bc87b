import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers } from '../../src/index';

// An upsert reads the keys of its proposed rows ahead as one span range when their own lookups would
// take more than half the index ranges left. An update branch's beforeUpdate hook that writes a row of
// the table does not throw that span away: the rows the hook wrote are read again by id and the span
// holds them as they are now, so the rest of the upsert still fits the index-range budget.
function backend(indexRanges: number) {
  const t = convexTest(schema, modules);
  const orm = createOrm({
    relations,
    transactionBudget: { indexRanges },
    triggers: defineTriggers(relations, {
      users: {
        beforeUpdate: async ({ old }, ctx) => {
          if (old.email === 'inviter@x') await ctx.db.insert(users).values({ name: 'invited', email: 'k@x' });
        },
      },
    }),
  });
  const run = <R>(fn: (db: ReturnType<typeof orm.db>) => Promise<R>) =>
    t.run((ctx) => fn(orm.db(ctx as MutationCtx) as never));
  return { t, run };
}

async function upsert(indexRanges: number, first: { name: string; email: string }) {
  const { t, run } = backend(indexRanges);
  await run((db: any) => db.insert(users).values({ name: 'inviter', email: 'inviter@x' }));
  const proposed = [first, ...Array.from({ length: 40 }, (_, i) => ({ name: `u${i}`, email: `u${i}@x` }))];
  const outcome = await run(async (db: any) => {
    try {
      await db
        .insert(users)
        .values(proposed)
        .onConflictDoUpdate({ target: users.email, set: { name: 'updated' } });
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
  const count = await t.run(async (ctx) => (await ctx.db.query('users').collect()).length);
  return { outcome, count };
}

describe('an upsert of many rows whose first row updates and its hook writes once', () => {
  it('control: the same rows with the first one new (no hook) fit the budget', async () => {
    expect(await upsert(30, { name: 'new', email: 'new@x' })).toEqual({ outcome: 'ok', count: 42 });
  });

  it('the hook writing once does not make the rest of the upsert fail on the index-range budget', async () => {
    // 1 inviter + the hook's row + 40 new rows.
    expect(await upsert(30, { name: 'inviter again', email: 'inviter@x' })).toEqual({ outcome: 'ok', count: 42 });
  });
});
