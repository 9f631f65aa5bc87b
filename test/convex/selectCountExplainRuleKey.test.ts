/**
 * explain() of a `$count` selected as a field (`db.$count(accounts, eq(accounts.owner,
 * people.name))`) under a read rule that pins the same column (`accounts.read: { owner: viewer }`)
 * plans with the row's value as a param, as a relation's `_count` does: the rule's equality is
 * checked against each bound value, not intersected with a stand-in (which planned no read:
 * `read: 'none'`, while the run counted mal's 2 accounts from the aggregate index).
 */
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  asc,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  index,
  integer,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { countReads } from '../../src/testing/index';

const people = convexTable('people', { name: text().notNull() });
const accounts = convexTable('accounts', { owner: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner),
  aggregateIndex('accounts_by_owner').on(t.owner).count().shards(1),
]);
const schema = defineSchema({ people, accounts });
const relations = defineRelations({ people, accounts });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { accounts: { read: { owner: viewer } } };
});
const orm = createOrm({ relations, rules });

it('an embedded $count under a rule pinning its correlated column explains the read it runs', async () => {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const name of ['bank', 'mal', 'vic']) await ctx.db.insert('people', { name });
    for (const owner of ['mal', 'mal', 'vic', 'bank']) await ctx.db.insert('accounts', { owner, salary: 1 });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, accounts].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  const mal = t.withIdentity({ subject: 'mal' });
  const out = await mal.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx as never);
    // An async rule function is evaluated by a first query (as test/convex/rulesEqualityBoundKey.test.ts does).
    await db.query.people.findFirst();
    const q = db
      .select({ name: people.name, n: db.$count(accounts, eq(accounts.owner, people.name)) })
      .from(people)
      .orderBy(asc(people.name));
    const explained = await q.explain();
    const before = { ...reads };
    const rows = await q;
    return {
      rows,
      count: explained.counts?.n as unknown as Record<string, unknown>,
      reads: reads.documents - before.documents,
    };
  });
  // The run counts mal's two visible accounts (through the aggregate index's bucket).
  expect(out.rows).toEqual([
    { name: 'bank', n: 0 },
    { name: 'mal', n: 2 },
    { name: 'vic', n: 0 },
  ]);
  // The explain must not say the count reads nothing.
  expect(out.count.read).not.toBe('none');
  expect(JSON.stringify(out.count)).toMatch(/accounts_by_owner|by_owner/);
});
