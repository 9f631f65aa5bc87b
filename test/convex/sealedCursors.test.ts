import type { Auth, PaginationResult } from 'convex/server';
import { createOrm, defineRelations, defineRules } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, defineSchema, index, text } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

/** The accounts Mal may read, by email: Mal's own and Vic's shared ones, none of Vic's private ones. */
const MAL_SEES = [
  'user00-mal@x.dev',
  'user01-vic@x.dev',
  'user03-mal@x.dev',
  'user06-mal@x.dev',
  'user07-vic@x.dev',
  'user09-mal@x.dev',
];

// The attack sealed cursors stop: a public query passes the caller's pagination options on, so
// the caller picks `maximumRowsRead: 1`, walks the index one row a page and reads, from each
// cursor, the index key of the row the page stopped at: a row the rules may hide.
const accounts = convexTable(
  'accounts',
  { email: text().notNull(), owner: text().notNull(), shared: boolean().notNull() },
  (t) => [index('by_email').on(t.email)],
);
const tables = { accounts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));

const viewerOf = async (ctx: { auth: Auth }) => (await ctx.auth.getUserIdentity())?.subject ?? '';
// The same visible rows both ways: the caller's accounts and shared ones.
const functionRules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = await viewerOf(ctx);
  return { accounts: { read: (row) => row.owner === viewer || row.shared } };
});
const objectRules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  // No index on owner or shared: all of it is residual on the by_email order.
  accounts: { read: { OR: [{ owner: await viewerOf(ctx) }, { shared: true }] } },
}));
const byFunction = createOrm({ relations, rules: functionRules, cursorSecret: CURSOR_SECRET });
const byObject = createOrm({ relations, rules: objectRules, cursorSecret: CURSOR_SECRET });
const otherSecret = createOrm({ relations, rules: objectRules, cursorSecret: `${CURSOR_SECRET} but another one` });
const unsealed = createOrm({ relations, rules: objectRules });
const sealedNoRules = createOrm({ relations, cursorSecret: CURSOR_SECRET });

type Orm = typeof byObject;
type Options = { numItems: number; cursor: string | null; endCursor?: string; maximumRowsRead?: number };
const byEmail = { orderBy: { email: 'asc' }, columns: { email: true } } as const;

/** Victim Vic's private accounts interleaved (in email order) with attacker Mal's and shared ones. */
async function world() {
  const t = convexTest(schema, modules);
  const hidden = await t.run(async (ctx) => {
    const rows = [];
    for (let i = 0; i < 12; i++) {
      const owner = i % 3 === 0 ? 'mal' : 'vic';
      const row = { email: `user${String(i).padStart(2, '0')}-${owner}@x.dev`, owner, shared: i % 6 === 1 };
      rows.push({ ...row, _id: await ctx.db.insert('accounts', row) });
    }
    const stored = await Promise.all(rows.map((row) => ctx.db.get(row._id)));
    return stored.filter((row) => row !== null && row.owner === 'vic' && !row.shared);
  });
  const as = <R>(orm: Orm, fn: (db: ReturnType<Orm['db']>) => PromiseLike<R>, dbOptions?: { rules: false }) =>
    t.withIdentity({ subject: 'mal' }).run(async (ctx) => await fn(orm.db(ctx, dbOptions)));
  const page = (orm: Orm, options: Options, config: object = byEmail) =>
    as(
      orm,
      (db) => db.query.accounts.paginate(options, config as never) as Promise<PaginationResult<{ email: string }>>,
    );
  return { t, hidden, as, page };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every page from the first, one row read a page, as the attacker asks for them. */
async function walk(world: World, orm: Orm, config: object = byEmail) {
  const pages: { cursor: string | null; result: PaginationResult<{ email: string }> }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const result = await world.page(orm, { numItems: 2, cursor, maximumRowsRead: 1 }, config);
    pages.push({ cursor, result });
    if (result.isDone) return pages;
    cursor = result.continueCursor;
  }
  throw new Error('the walk did not end');
}

/** What a cursor shows, as it is and as its base64url-decoded bytes. */
function readable(cursor: string): string {
  let bytes = '';
  try {
    bytes = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {}
  return `${cursor}\n${bytes}`;
}

/** The hidden rows' values a cursor must not show: each email's local part, `_id` and `_creationTime`. */
function secretsOf(hidden: World['hidden']): string[] {
  return hidden.flatMap((row) => [row!.email.split('@')[0]!, row!._id, String(row!._creationTime)]);
}

const cursorsOf = (pages: Awaited<ReturnType<typeof walk>>) =>
  pages.flatMap(({ result }) => [result.continueCursor, ...(result.splitCursor ? [result.splitCursor] : [])]);

describe('sealed cursors: an attacker paging one row at a time learns nothing of hidden rows', () => {
  it('control: plain cursors of the same walk do show the hidden rows (what sealing prevents)', async () => {
    const w = await world();
    // The unsealed ORM cannot paginate under rules; the same residual as a where, rules off, shows the leak.
    const where = { where: { OR: [{ owner: 'mal' }, { shared: true }] }, ...byEmail };
    const pages: string[] = [];
    let cursor: string | null = null;
    for (let done = false; !done; ) {
      const result = await w.as(
        unsealed,
        (db) => db.query.accounts.paginate({ numItems: 2, cursor, maximumRowsRead: 1 }, where),
        { rules: false },
      );
      pages.push(result.continueCursor);
      cursor = result.continueCursor;
      done = result.isDone;
    }
    const shown = pages.join('\n');
    expect(w.hidden.length).toBeGreaterThan(0);
    for (const secret of secretsOf(w.hidden)) expect(shown).toContain(secret);
  });

  for (const [name, orm] of [
    ['a function rule', byFunction],
    ['an object rule (residual)', byObject],
  ] as const) {
    it(`${name}: no cursor shows a hidden row; the pages are findMany's rows and stay stable with endCursor`, async () => {
      const w = await world();
      const pages = await walk(w, orm);
      // One row read a page: the walk stopped at every row, hidden ones included.
      expect(pages.length).toBeGreaterThanOrEqual(12);
      expect(pages.some(({ result }) => result.pageStatus === 'SplitRequired' && result.page.length === 0)).toBe(true);
      const cursors = cursorsOf(pages);
      expect(cursors.some((cursor) => cursor.includes('['))).toBe(false);
      for (const cursor of cursors) {
        for (const secret of secretsOf(w.hidden)) expect(readable(cursor)).not.toContain(secret);
      }
      const rows = pages.flatMap(({ result }) => result.page.map((row) => row.email));
      const all = await w.as(orm, (db) => db.query.accounts.findMany(byEmail));
      expect(rows).toEqual(all.map((row) => row.email));
      expect(rows).toEqual(MAL_SEES);

      // The same walk again: the same positions give the same cursors.
      expect(cursorsOf(await walk(w, orm))).toEqual(cursors);

      // Rows come and go; each page re-run with an explicit endCursor (the next page's cursor) stays adjacent.
      await w.t.run(async (ctx) => {
        await ctx.db.insert('accounts', { email: 'user04b-mal@x.dev', owner: 'mal', shared: false });
        const gone = await ctx.db
          .query('accounts')
          .withIndex('by_email', (q) => q.eq('email', 'user03-mal@x.dev'))
          .unique();
        await ctx.db.delete(gone!._id);
      });
      const rerun = [];
      for (const { cursor, result } of pages) {
        rerun.push(...(await w.page(orm, { numItems: 2, cursor, endCursor: result.continueCursor })).page);
      }
      const now = await w.as(orm, (db) => db.query.accounts.findMany(byEmail));
      expect(rerun.map((row) => row.email)).toEqual(now.map((row) => row.email));
      expect(rerun.map((row) => row.email)).toContain('user04b-mal@x.dev');
    });
  }

  it('a cursor that does not open is INVALID_QUERY, saying nothing of why; a cursor of another query too', async () => {
    const w = await world();
    const first = await w.page(byObject, { numItems: 2, cursor: null });
    const cursor = first.continueCursor;
    const middle = Math.floor(cursor.length / 2);
    const flipped = `${cursor.slice(0, middle)}${cursor[middle] === 'A' ? 'B' : 'A'}${cursor.slice(middle + 1)}`;
    const fromOtherSecret = (await w.page(otherSecret, { numItems: 2, cursor: null })).continueCursor;
    const plain = (
      await w.as(unsealed, (db) => db.query.accounts.paginate({ numItems: 2, cursor: null }, byEmail), { rules: false })
    ).continueCursor;
    expect(plain.startsWith('["')).toBe(true);
    const notOpened = [];
    for (const bad of [flipped, fromOtherSecret, plain, 'garbage']) {
      notOpened.push(await rejection(w.page(byObject, { numItems: 2, cursor: bad })));
    }
    const expected = {
      code: 'INVALID_QUERY',
      table: 'accounts',
      message:
        'InvalidCursor: paginate on "accounts": "cursor" is not a cursor a page of this ORM returned; start again with cursor: null.',
    };
    for (const error of notOpened) expect(error).toMatchObject(expected);
    expect(await rejection(w.page(byObject, { numItems: 2, cursor: null, endCursor: flipped }))).toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringContaining('"endCursor" is not a cursor a page of this ORM returned'),
    });

    // Sealed with this secret, but of another query: the plan hash inside still tells them apart.
    const otherQuery = { where: { email: { gt: 'user' } }, ...byEmail };
    const foreign = (await w.page(byObject, { numItems: 2, cursor: null }, otherQuery)).continueCursor;
    expect(await rejection(w.page(byObject, { numItems: 2, cursor: foreign }))).toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringContaining('belongs to another query'),
    });
  });

  it('fails closed: paginate under rules without a cursorSecret is INVALID_OPTION naming the table; the bypass pages', async () => {
    const w = await world();
    const refused = await rejection(w.page(unsealed, { numItems: 2, cursor: null }));
    expect(refused).toMatchObject({ code: 'INVALID_OPTION', table: 'accounts', details: { option: 'cursorSecret' } });
    expect(refused.message).toContain('paginate on "accounts" under rules needs sealed cursors');
    expect(refused.message).toContain(
      'set createOrm({ cursorSecret }) to a random secret of at least 32 characters from the environment variable CONVEX_ORM_CURSOR_SECRET',
    );
    // explain() describes what runs: the same refusal, not a plan of plain cursors.
    const explained = await w.as(unsealed, async (db) => {
      await db.query.accounts.findFirst(); // The rules resolve with the db's first query.
      return rejection(
        Promise.resolve().then(() => db.query.accounts.paginate({ numItems: 2, cursor: null }, byEmail).explain()),
      );
    });
    expect(explained).toMatchObject({ code: 'INVALID_OPTION', table: 'accounts', details: { option: 'cursorSecret' } });
    const prepared = unsealed.query.accounts.paginate(byEmail).prepare();
    const preparedExplained = await w.t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
      const page = prepared.execute(ctx, { numItems: 2, cursor: null });
      await rejection(page); // Its rules resolve as it runs.
      return rejection(Promise.resolve().then(() => page.explain()));
    });
    expect(preparedExplained).toMatchObject({ code: 'INVALID_OPTION', table: 'accounts' });
    const preparedRefused = await w.t
      .withIdentity({ subject: 'mal' })
      .run((ctx) => rejection(prepared.execute(ctx, { numItems: 2, cursor: null })));
    expect(preparedRefused).toMatchObject({ code: 'INVALID_OPTION', table: 'accounts' });

    // The named bypass has no rules to leak through: plain cursors, as without rules.
    const bypass = await w.as(unsealed, (db) => db.query.accounts.paginate({ numItems: 5, cursor: null }, byEmail), {
      rules: false,
    });
    expect(bypass.page).toHaveLength(5);
    expect(bypass.continueCursor).toContain('user04-vic');
  });

  it('prepared pages are sealed and go on from their sealed cursors', async () => {
    const w = await world();
    const prepared = byFunction.query.accounts.paginate(byEmail).prepare('accountsByEmail');
    const run = (cursor: string | null) =>
      w.t.withIdentity({ subject: 'mal' }).run((ctx) => prepared.execute(ctx, { numItems: 3, cursor }));
    const first = await run(null);
    const second = await run(first.continueCursor);
    for (const cursor of [first.continueCursor, second.continueCursor]) expect(readable(cursor)).not.toContain('user');
    expect([...first.page, ...second.page].map((row) => row.email)).toEqual(MAL_SEES);
  });

  it("without rules, a secret seals Convex's .paginate() pages too: one range a page, as unsealed", async () => {
    const w = await world();
    const rows: string[] = [];
    let cursor: string | null = null;
    for (let done = false; !done; ) {
      const result = await w.t.run(async (ctx) => {
        const counted = countReads(ctx);
        const page = await sealedNoRules.db(counted.ctx).query.accounts.paginate({ numItems: 5, cursor }, byEmail);
        return { ...page, reads: { ...counted.reads } };
      });
      expect(result.reads.ranges).toBe(1);
      expect(readable(result.continueCursor)).not.toContain('user');
      rows.push(...result.page.map((row) => row.email));
      cursor = result.continueCursor;
      done = result.isDone;
    }
    expect(rows).toHaveLength(12);
    expect(rows).toEqual([...rows].sort());
  });

  it("explain() says whether a page's cursors are sealed, for queries and prepared pages", async () => {
    const w = await world();
    const options = { numItems: 2, cursor: null };
    const explained = await w.t.run(async (ctx) => ({
      sealed: await sealedNoRules.db(ctx).query.accounts.paginate(options, byEmail).explain(),
      plain: await unsealed.db(ctx, { rules: false }).query.accounts.paginate(options, byEmail).explain(),
    }));
    expect(explained.sealed).toMatchObject({ read: 'index', index: 'by_email', cursors: 'sealed' });
    expect(explained.plain).toMatchObject({ read: 'index', index: 'by_email', cursors: 'plain' });
    expect(byFunction.query.accounts.paginate(byEmail).prepare().explain(options)).toMatchObject({ cursors: 'sealed' });
    expect(unsealed.query.accounts.paginate(byEmail).prepare().explain(options)).toMatchObject({ cursors: 'plain' });
  });
});
