import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  index,
  integer,
  placeholder,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// A rule's equality on the column a relation, a join or a prepared query binds after planning: the
// planner intersects the equalities of one field (a where for another owner than the rule's reads
// nothing), but a key it does not know yet cannot be intersected. Planned as a value, every parent's,
// row's or execution's key would meet the rule as no value: nothing read, the viewer's own rows too.
const people = convexTable('people', { name: text().notNull() });
const accounts = convexTable('accounts', { owner: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner, t.salary),
]);
const schema = defineSchema({ people, accounts });
const relations = defineRelations({ people, accounts }, (r) => ({
  people: { accounts: r.many.accounts({ from: r.people.name, to: r.accounts.owner }) },
}));
// Each user reads their own accounts and the shared 'bank' ones (a same-field OR, one equality of two values).
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { accounts: { read: { OR: [{ owner: viewer }, { owner: 'bank' }] } } };
});
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
// Under rules a prepared query plans per call; without, its where's own OR beside the placeholder is planned once.
const plain = createOrm({ relations });
const sharedAccountsOf = plain.query.accounts
  .findMany({
    where: { owner: placeholder('owner'), OR: [{ owner: 'mal' }, { owner: 'bank' }] },
    columns: { salary: true },
  })
  .prepare('sharedAccountsOf');

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const name of ['bank', 'mal', 'vic']) await ctx.db.insert('people', { name });
    await ctx.db.insert('accounts', { owner: 'vic', salary: 150_000 });
    await ctx.db.insert('accounts', { owner: 'mal', salary: 10 });
    await ctx.db.insert('accounts', { owner: 'bank', salary: 1 });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe("a rule's equality beside a key bound per parent, row or execution", () => {
  it("a relation load and its _count read each parent's visible rows", async () => {
    const mal = await world();
    const rows = await mal.run((ctx) =>
      orm.db(ctx as never).query.people.findMany({
        orderBy: { name: 'asc' },
        columns: { name: true },
        with: { accounts: { columns: { salary: true } } },
        _count: { accounts: true },
      }),
    );
    expect(rows).toEqual([
      { name: 'bank', accounts: [{ salary: 1 }], _count: { accounts: 1 } },
      { name: 'mal', accounts: [{ salary: 10 }], _count: { accounts: 1 } },
      { name: 'vic', accounts: [], _count: { accounts: 0 } },
    ]);
    // explain() shows the per-parent read by the key, the rule left to test it.
    const explained = await mal.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.query.people.findFirst();
      return db.query.people.findMany({ with: { accounts: true } }).explain();
    });
    expect(explained.with?.accounts).toMatchObject({ index: 'by_owner', ranges: ['owner = "?"'] });
  });

  it("a join's lookup reads each row's visible matches", async () => {
    const mal = await world();
    const rows = await mal.run((ctx) =>
      orm
        .db(ctx as never)
        .select({ name: people.name, salary: accounts.salary })
        .from(people)
        .innerJoin(accounts, eq(accounts.owner, people.name))
        .orderBy(asc(people.name)),
    );
    expect(rows).toEqual([
      { name: 'bank', salary: 1 },
      { name: 'mal', salary: 10 },
    ]);
  });

  it("a prepared query's placeholder beside its where's equalities on the column, planned once", async () => {
    const mal = await world();
    const run = (owner: string) => mal.run((ctx) => sharedAccountsOf.execute(ctx as never, { owner }));
    expect(await run('mal')).toEqual([{ salary: 10 }]);
    expect(await run('bank')).toEqual([{ salary: 1 }]);
    expect(await run('vic')).toEqual([]);
    expect(sharedAccountsOf.explain({ owner: 'mal' })).toMatchObject({
      prepared: 'once',
      index: 'by_owner',
      ranges: ['owner = "mal"'],
    });
  });
});
