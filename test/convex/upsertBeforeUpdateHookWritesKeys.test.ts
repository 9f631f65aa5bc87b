import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, type OrmWriter } from '../../src/index';

// An upsert resolves its proposed rows one by one and runs the update branch's `beforeUpdate` as a
// row's conflict is resolved. A hook may write through `ctx.db` (a statement of its own; the docs
// refuse only hook writes to rows the statement itself goes on to update or delete). Later rows'
// lookups see what the hook wrote, whether their keys were read ahead as one span or not, and an
// earlier row inserting a key the hook's row took is a UNIQUE_VIOLATION, as in Postgres (the
// earlier row is in the index first, so the trigger's INSERT fails).
function backend(indexRanges?: number) {
  const t = convexTest(schema, modules);
  const orm = createOrm({
    relations,
    ...(indexRanges ? { transactionBudget: { indexRanges } } : {}),
    triggers: defineTriggers(relations, {
      users: {
        beforeUpdate: async ({ old }, ctx) => {
          // Updating the inviter creates the invitee's account, and removes the account it replaces.
          if (old.email !== 'inviter@x') return;
          await ctx.db.insert(users).values({ name: 'invited', email: 'k@x' });
          await ctx.db.delete(users).where(eq(users.email, 'gone@x'));
        },
      },
    }),
  });
  const run = <R>(fn: (db: OrmWriter<typeof relations>) => Promise<R>) =>
    t.run((ctx) => fn(orm.db(ctx as MutationCtx)));
  return { t, run };
}

type Proposed = { name: string; email: string };

async function holdersOfK(proposed: Proposed[], indexRanges?: number) {
  const { t, run } = backend(indexRanges);
  await run((db) =>
    db.insert(users).values([
      { name: 'inviter', email: 'inviter@x' },
      { name: 'gone', email: 'gone@x' },
    ]),
  );
  const outcome = await run(async (db) => {
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
  const rows = await t.run((ctx) => ctx.db.query('users').collect());
  const holders = (email: string) => rows.filter((row) => row.email === email).map((row) => row.name);
  return { outcome, holders: holders('k@x'), gone: holders('gone@x') };
}

const inviterAgain = { name: 'inviter again', email: 'inviter@x' };
const kProposed = { name: 'k proposed', email: 'k@x' };

describe('an upsert whose beforeUpdate hook inserts a key another proposed row takes', () => {
  it('a later proposed row, looked up after the hook, updates the row the hook inserted (control)', async () => {
    expect(await holdersOfK([inviterAgain, kProposed])).toEqual({ outcome: 'ok', holders: ['updated'], gone: [] });
  });

  it('an earlier proposed row, resolved as an insert before the hook ran, is not written beside the hook row', async () => {
    // As Postgres: the hook's row takes the key the earlier row inserts, UNIQUE_VIOLATION; the hook's own
    // insert was a statement of its own and stays (docs/triggers.md: before-hooks should not write).
    expect(await holdersOfK([kProposed, inviterAgain])).toEqual({
      outcome: 'UNIQUE_VIOLATION',
      holders: ['invited'],
      gone: [],
    });
  });

  it('a later proposed row whose key was read ahead as one span (few index ranges left) is not inserted beside it', async () => {
    const proposed = [
      inviterAgain,
      ...Array.from({ length: 20 }, (_, i) => ({ name: `u${i}`, email: `u${i}@x` })),
      kProposed,
    ];
    // As with plenty of ranges left (the first test): the later row updates the hook's row.
    expect(await holdersOfK(proposed, 40)).toEqual({ outcome: 'ok', holders: ['updated'], gone: [] });
  });

  it('a later proposed row whose key the hook freed (read ahead as one span) is inserted, not an update of the deleted row', async () => {
    const proposed = [
      inviterAgain,
      ...Array.from({ length: 20 }, (_, i) => ({ name: `u${i}`, email: `u${i}@x` })),
      { name: 'gone again', email: 'gone@x' },
    ];
    for (const indexRanges of [undefined, 40]) {
      expect(await holdersOfK(proposed, indexRanges)).toEqual({
        outcome: 'ok',
        holders: ['invited'],
        gone: ['gone again'],
      });
    }
  });
});
