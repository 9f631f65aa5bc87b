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
  searchIndex,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';

// The equalities of one field are intersected (rulesEqualityRangeOracle.test.ts), so a where naming
// another user's value on the rule's field reads nothing. These pin it for values that may be bound
// after planning: a prepared query's placeholder (its values come from the client's args: under rules
// it is planned per call, with them; without, once, with a param), a relation's parent key and a
// join's row key (bound per parent or row into one plan), each intersected with the rule as it is bound.
const people = convexTable('people', { name: text().notNull() });
// Each user reads their own accounts and notes only: an object rule on the leading field of an index.
const accounts = convexTable('accounts', { owner: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_owner').on(t.owner, t.salary),
]);
const notes = convexTable('notes', { owner: text().notNull(), body: text().notNull() }, (t) => [
  index('notes_by_owner').on(t.owner),
  searchIndex('search_body').on(t.body).filter(t.owner),
]);
const schema = defineSchema({ people, accounts, notes });
const relations = defineRelations({ people, accounts, notes }, (r) => ({
  people: { notes: r.many.notes({ from: r.people.name, to: r.notes.owner }) },
}));
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return { accounts: { read: mine }, notes: { read: mine } };
});
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

const notesOf = orm.query.notes.findMany({ where: { owner: placeholder('owner') } }).prepare('notesOf');
const accountsAbove = orm.query.accounts
  .paginate({ where: { owner: placeholder('owner'), salary: { gt: placeholder('threshold') } } })
  .prepare('accountsAbove');
// A search's text is no placeholder: one prepared page per word.
const notesMentioning = (word: string) =>
  orm.query.notes
    .paginate({ search: { index: 'search_body', query: word }, where: { owner: placeholder('owner') } })
    .prepare('notesMentioning');
// Without rules a prepared query is planned once, its placeholder a param beside the where's own list.
const plain = createOrm({ relations });
const sharedNotesOf = plain.query.notes
  .findMany({ where: { owner: placeholder('owner'), OR: [{ owner: 'mal' }, { owner: 'bank' }] } })
  .prepare('sharedNotesOf');

/** Vic's three hidden accounts (salaries 120k, 150k, 180k) and two hidden notes; Mal's account and note. */
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const name of ['mal', 'vic']) await ctx.db.insert('people', { name });
    for (const salary of [120_000, 150_000, 180_000]) await ctx.db.insert('accounts', { owner: 'vic', salary });
    await ctx.db.insert('accounts', { owner: 'mal', salary: 10 });
    await ctx.db.insert('notes', { owner: 'vic', body: 'diagnosis cancer' });
    await ctx.db.insert('notes', { owner: 'vic', body: 'lawyer appointment' });
    await ctx.db.insert('notes', { owner: 'mal', body: 'shopping list' });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe("a placeholder bound to another user's value on the rule's own field", () => {
  it("a prepared findMany reads none of that user's rows", async () => {
    const mal = await world();
    const read = (owner: string) =>
      mal.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const rows = await notesOf.execute(counted as never, { owner });
        return { bodies: rows.map((row) => row.body), documents: reads.documents };
      });
    expect(await read('mal')).toEqual({ bodies: ['shopping list'], documents: 1 });
    // The placeholder and the rule pin `owner` to two values: no row can match, and none is read.
    expect(await read('vic')).toEqual({ bodies: [], documents: 0 });
  });

  it('a prepared page bounded by maximumRowsRead answers alike whatever the hidden salaries are', async () => {
    const mal = await world();
    const page = (threshold: number) =>
      mal.run(async (ctx) => {
        const result = await accountsAbove.execute(
          ctx as never,
          { numItems: 1, cursor: null, maximumRowsRead: 1 },
          { owner: 'vic', threshold },
        );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    // Vic's top salary is 180,000: above 160,000 there is one hidden row, above 200,000 none. A page that
    // read a hidden row would be SplitRequired for the first only: Vic's salary by bisection.
    const above160k = await page(160_000);
    const above200k = await page(200_000);
    expect(above200k).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(above160k).toEqual(above200k);
  });

  it('a prepared search page bounded by maximumRowsRead answers alike whatever words the hidden notes hold', async () => {
    const mal = await world();
    const page = (word: string) =>
      mal.run(async (ctx) => {
        const result = await notesMentioning(word).execute(
          ctx as never,
          { numItems: 1, cursor: null, maximumRowsRead: 1 },
          { owner: 'vic' },
        );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    const cancer = await page('cancer');
    const flu = await page('flu');
    expect(flu).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(cancer).toEqual(flu);
  });

  it("a query planned once reads nothing for a value the where's own list leaves out, and explains so", async () => {
    const mal = await world();
    const read = (owner: string) =>
      mal.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const rows = await sharedNotesOf.execute(counted as never, { owner });
        return { bodies: rows.map((row) => row.body), documents: reads.documents };
      });
    expect(await read('mal')).toEqual({ bodies: ['shopping list'], documents: 1 });
    expect(await read('vic')).toEqual({ bodies: [], documents: 0 });
    expect(sharedNotesOf.explain({ owner: 'vic' })).toMatchObject({ prepared: 'once', read: 'none' });
    expect(sharedNotesOf.explain({ owner: 'mal' })).toMatchObject({ prepared: 'once', ranges: ['owner = "mal"'] });
  });
});

describe("a relation's parent key holding another user's value on the rule's field", () => {
  it("a visible parent's load reads none of that user's rows", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.people.findMany({
        orderBy: { name: 'asc' },
        columns: { name: true },
        with: { notes: { columns: { body: true } } },
        _count: { notes: true },
      });
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([
      { name: 'mal', notes: [{ body: 'shopping list' }], _count: { notes: 1 } },
      { name: 'vic', notes: [], _count: { notes: 0 } },
    ]);
    // The two people and Mal's note, read by the load (the count is its rows'): Vic's key meets the
    // rule's owner as no value, so Vic's notes are not read.
    expect(read.documents).toBe(3);
    // explain() shows the per-parent read by the key, and the only key it reads anything for.
    const explained = await mal.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.query.people.findFirst();
      return db.query.people.findMany({ with: { notes: true } }).explain();
    });
    expect(explained.with?.notes).toMatchObject({
      ranges: ['owner = "?"'],
      residual: null,
      boundWithin: ['owner in ["mal"]'],
    });
  });

  it("a join's lookup for a row holding that user's value reads none of their rows", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm
        .db(counted as never)
        .select({ name: people.name, body: notes.body })
        .from(people)
        .leftJoin(notes, eq(notes.owner, people.name))
        .orderBy(asc(people.name));
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([
      { name: 'mal', body: 'shopping list' },
      { name: 'vic', body: null },
    ]);
    // The two people and Mal's note: Vic's key meets the rule's owner as no value.
    expect(read.documents).toBe(3);
    const explained = await mal.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.query.people.findFirst();
      return db.select().from(people).leftJoin(notes, eq(notes.owner, people.name)).explain();
    });
    expect(explained.joins[0]).toMatchObject({ ranges: ['owner = ?'], boundWithin: ['owner in ["mal"]'] });
  });
});
