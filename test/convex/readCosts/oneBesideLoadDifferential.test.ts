// A relation filter beside a `with` load of the same `one` relation (docs/queries.md "Measured
// read costs") gives the rows the same query gives where the sharing cannot apply (a second, equal
// relation filter under AND): a non-unique key read by a compound index (first by `n`, not by
// insertion), soft-deleted targets, withDeleted, rules on the target (one with a relation filter),
// a nested `orderBy`, `columns` and nested `with`, a `one` by `_id`, findFirst, paginate and
// prepared queries with placeholders.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  sql,
  text,
  timestamp,
} from '../../../src/index';

const users = convexTable('users', { name: text().notNull(), role: text().notNull() });
const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    n: integer().notNull(),
    status: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_author').on(t.authorId, t.n), deletion('soft', { column: t.deletedAt })],
);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    firstPost: r.one.posts({ from: r.users._id, to: r.posts.authorId, alias: 'first' }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });
const rules = defineRules(relations, () => ({
  users: { read: {} },
  posts: { read: { status: { ne: 'hidden' }, author: { role: { ne: 'banned' } } } },
}));
const ruled = createOrm({ relations, rules, cursorSecret: 'x'.repeat(40) });
const schema = defineSchema(tables);

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true }) as any;
  await t.run(async (raw: any) => {
    const roles = ['admin', 'member', 'banned', 'member', 'admin', 'member', 'member'];
    for (let i = 0; i < roles.length; i++) {
      const u = await raw.db.insert('users', { name: `u${i}`, role: roles[i] });
      // Inserted with n descending: the first by the index is the last inserted.
      for (let n = 5; n >= 0; n--) {
        if (i === 6) break; // no posts
        const hidden = (i === 1 && n <= 2) || (i === 3 && n === 0);
        const deleted = (i === 4 && n <= 1) || i === 5;
        await raw.db.insert('posts', {
          authorId: u,
          n,
          status: hidden ? 'hidden' : 'live',
          ...(deleted ? { deletedAt: 1000 + n } : {}),
        });
      }
    }
  });
  return t;
}

const both = (where: any) => ({ shared: where, apart: { ...where, AND: [where] } });

describe('a relation filter beside a one load: same rows as without sharing', () => {
  const cases: [string, any, any, any?, boolean?][] = [
    ['plain', { firstPost: true }, { firstPost: true }],
    ['nested where', { firstPost: { n: { gte: 2 } } }, { firstPost: { where: { n: { gte: 2 } } } }],
    ['in list', { firstPost: { n: { in: [4, 3] } } }, { firstPost: { where: { n: { in: [4, 3] } } } }],
    [
      'OR across fields',
      { firstPost: { OR: [{ n: 4 }, { status: 'hidden' }] } },
      { firstPost: { where: { OR: [{ n: 4 }, { status: 'hidden' }] } } },
      { withDeleted: true },
    ],
    ['withDeleted', { firstPost: true }, { firstPost: true }, { withDeleted: true }],
    // Not shared: the filter reads the key's first match in its read order, the load another first.
    ['nested orderBy', { firstPost: true }, { firstPost: { orderBy: { n: 'desc' } } }, undefined, false],
    [
      'columns and nested with',
      { firstPost: { status: 'live' } },
      { firstPost: { where: { status: 'live' }, columns: { n: true }, with: { author: { columns: { name: true } } } } },
    ],
  ];
  for (const [name, where, withs, extra, shares = true] of cases) {
    for (const which of ['orm', 'ruled'] as const) {
      it(`${name} (${which})`, async () => {
        const t = await seeded();
        const out = await t.run(async (raw: any) => {
          const db = (which === 'orm' ? orm : ruled).db(raw);
          const { shared, apart } = both(where);
          const a = await db.query.users.findMany({ where: shared, with: withs, ...extra });
          // The sharing applies where it should (else this compares a query with itself).
          const load = (db.query.users.findMany({ where: shared, with: withs, ...extra }).explain() as any).exists
            .firstPost.load;
          expect(/which with\.firstPost takes/.test(load)).toBe(shares);
          const b = await db.query.users.findMany({ where: apart, with: withs, ...extra });
          const f1 = await db.query.users.findFirst({ where: shared, with: withs, ...extra });
          const f2 = await db.query.users.findFirst({ where: apart, with: withs, ...extra });
          const pages = async (w: any) => {
            const rows: any[] = [];
            let cursor: string | null = null;
            for (;;) {
              const page: any = await db.query.users.paginate({ numItems: 2, cursor }, { where: w, with: withs });
              rows.push(...page.page);
              if (page.isDone) return rows;
              cursor = page.continueCursor;
            }
          };
          const p1 = extra ? [] : await pages(shared);
          const p2 = extra ? [] : await pages(apart);
          return { a, b, f1, f2, p1, p2 };
        });
        expect(out.a.length).toBeGreaterThan(0);
        expect(out.a).toEqual(out.b);
        expect(out.f1).toEqual(out.f2);
        expect(out.p1).toEqual(out.p2);
      });
    }
  }

  it('a one by _id: posts of admins with their author', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const { shared, apart } = both({ author: { role: 'admin' } });
      const withs = { author: { where: { role: 'admin' } } };
      const a = await db.query.posts.findMany({ where: shared, with: withs });
      expect((db.query.posts.findMany({ where: shared, with: withs }).explain() as any).exists.author.load).toMatch(
        /which with\.author takes/,
      );
      const b = await db.query.posts.findMany({ where: apart, with: withs });
      return { a, b };
    });
    expect(out.a.length).toBeGreaterThan(0);
    expect(out.a).toEqual(out.b);
  });

  it('prepared: placeholders in both wheres, equal and different values', async () => {
    const t = await seeded();
    const prepared = orm.query.users
      .findMany({
        where: { firstPost: { n: { gte: sql.placeholder('a') } } },
        with: { firstPost: { where: { n: { gte: sql.placeholder('b') } } } },
      })
      .prepare('p');
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const same = await prepared.execute(raw, { a: 3, b: 3 });
      expect((prepared.explain({ a: 3, b: 3 }) as any).exists.firstPost.load).toMatch(/which with\.firstPost takes/);
      const sameRef = await db.query.users.findMany({
        where: { firstPost: { n: { gte: 3 } }, AND: [{ firstPost: { n: { gte: 3 } } }] },
        with: { firstPost: { where: { n: { gte: 3 } } } },
      });
      const diff = await prepared.execute(raw, { a: 1, b: 4 });
      const diffRef = await db.query.users.findMany({
        where: { firstPost: { n: { gte: 1 } }, AND: [{ firstPost: { n: { gte: 1 } } }] },
        with: { firstPost: { where: { n: { gte: 4 } } } },
      });
      return { same, sameRef, diff, diffRef };
    });
    expect(out.same).toEqual(out.sameRef);
    expect(out.diff).toEqual(out.diffRef);
  });
});
