import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  eq,
  integer,
  lte,
  text,
} from '../../src/index';
import { outcome } from './mutationHarness';

// The update branch of onConflictDoUpdate is an update: Postgres fires BEFORE UPDATE triggers on it, then
// checks the UPDATE policy's WITH CHECK, then the table's CHECK constraints (ExecUpdate). docs/triggers.md
// says `set` values are written as given and to "normalize them in beforeUpdate"; docs/rules.md says the
// rules stage runs after the before-triggers and before the constraint checks. A plain update of the same
// row with the same values does all that; the upsert's update branch must agree with it.
const counters = convexTable(
  'counters',
  { owner: text().notNull(), key: text().notNull().unique(), n: integer().notNull() },
  (t) => [check('n_at_most_10', lte(t.n, 10))],
);
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
// The hook clamps n to 10: the row it leaves passes the check.
const triggers = defineTriggers(relations, {
  counters: { beforeUpdate: ({ new: next }) => ({ ...next, n: Math.min(next.n, 10) }) },
});
const hooked = createOrm({ relations, triggers });
// Rules: an owner may update their counters only to n <= 100 (update.check).
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return { counters: { read: mine, insert: mine, update: { using: mine, check: { ...mine, n: { lte: 100 } } } } };
});
const ruled = createOrm({ relations, rules });

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { owner: 'mal', key: 'a', n: 1 });
    await ctx.db.insert('counters', { owner: 'mal', key: 'b', n: 1 });
  });
  return t;
}

describe("onConflictDoUpdate's update branch judged as an update is", () => {
  it('checks constraints on the row as beforeUpdate left it (as a plain update does)', async () => {
    const t = await world();
    const result = await t.run(async (ctx) => {
      const db = hooked.db(ctx as never);
      const plain = await outcome(() =>
        db.update(counters).set({ n: 50 }).where(eq(counters.key, 'a')).returning({ n: counters.n }),
      );
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values({ owner: 'mal', key: 'b', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { n: 50 } })
          .returning({ n: counters.n }),
      );
      return { plain, upsert };
    });
    // The plain update's hook clamps 50 to 10 and the row passes n_at_most_10.
    expect(result.plain).toEqual([{ n: 10 }]);
    // The upsert fires the same hook on its update branch, but checked n_at_most_10 on the row before it.
    expect(result.upsert).toEqual([{ n: 10 }]);
  });

  it('fails update.check before the check constraints (RULE_VIOLATION, as a plain update does)', async () => {
    const t = await world();
    const mal = t.withIdentity({ subject: 'mal' });
    const result = await mal.run(async (ctx) => {
      const db = ruled.db(ctx as never);
      const plain = await outcome(() => db.update(counters).set({ n: 500 }).where(eq(counters.key, 'a')));
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values({ owner: 'mal', key: 'b', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { n: 500 } }),
      );
      return { plain, upsert };
    });
    // n = 500 breaks both update.check (n <= 100) and n_at_most_10: the rule is judged first.
    expect(result.plain).toBe('RULE_VIOLATION');
    expect(result.upsert).toBe('RULE_VIOLATION');
  });
});
