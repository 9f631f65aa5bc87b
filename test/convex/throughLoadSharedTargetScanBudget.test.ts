// users ↔ groups through members, four users in one group: each user's load reads its junction rows,
// then the group by id. Near the end of the scan budget the group's reads are held back until a read
// in flight settles; the first let in caches the group, and a reader woken later finds it cached and
// reads nothing, so it hands its turn on to the next held back. Without that, the query never settled
// at a budget that fits exactly (9) or one below it (8, SCAN_BUDGET_EXCEEDED): under Convex a
// function awaiting a promise that never settles fails without a typed error.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { name: text().notNull() });
const members = convexTable('members', { userId: id('users').notNull(), groupId: id('groups').notNull() }, (t) => [
  index('by_user').on(t.userId),
  index('by_group').on(t.groupId),
]);
const tables = { users, groups, members };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({ from: r.users._id.through(r.members.userId), to: r.groups._id.through(r.members.groupId) }),
  },
}));
const orm = createOrm({ relations });

/** Resolves to 'hung' when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
}

/** users.findMany({ with: { groups: true } }) under `scanBudget`, on a fresh backend (a hung run holds convex-test's). */
async function outcome(scanBudget: number): Promise<string> {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const group = await ctx.db.insert('groups', { name: 'g' });
    for (let i = 0; i < 4; i++) {
      const user = await ctx.db.insert('users', { name: `u${i}` });
      await ctx.db.insert('members', { userId: user, groupId: group });
    }
  });
  const run = t.run(async (ctx) =>
    orm
      .db(ctx)
      .query.users.findMany({ with: { groups: true }, scanBudget })
      .then(
        (rows) => `${rows.length} users, ${rows.reduce((n, row) => n + row.groups.length, 0)} groups`,
        (error: { code?: string }) => error.code ?? String(error),
      ),
  );
  return within(run, 1000);
}

describe('scan budget: through loads sharing one target near the end of the budget', () => {
  // 4 users + 4 junction rows + the group once = 9 documents.
  it('a budget that fits exactly (9) returns every row', async () => {
    expect(await outcome(9)).toBe('4 users, 4 groups');
  });

  it('a budget one short (8) throws SCAN_BUDGET_EXCEEDED', async () => {
    expect(await outcome(8)).toBe('SCAN_BUDGET_EXCEEDED');
  });

  it('a budget with room (10) returns every row', async () => {
    expect(await outcome(10)).toBe('4 users, 4 groups');
  });
});
