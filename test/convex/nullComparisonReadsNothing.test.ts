import { and, createOrm, eq, isOrmError, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { relations, users } from '../../example/convex/schema';
import { introPosts, orm as searchOrm } from './searchFixture';
import { seeded } from './seed';

// A comparison with null is UNKNOWN (SQL, docs/queries.md "Where"): no row can pass it, as no row
// passes `in: []` or `in: [null]`, which plan no read. A placeholder of a nullable column is typed
// `T | null`, so `execute(ctx, { inviter: null as never })` is a call an app makes (a user nobody invited);
// Drizzle binds it as `= NULL` and returns no rows. The ORM leaves the null comparison in the
// residual filter and scans the whole table for it: every row read to return [], past the scan
// budget a SCAN_BUDGET_EXCEEDED, in strict mode a FULL_SCAN_FORBIDDEN.

const reason = (error: unknown) => (isOrmError(error) ? error.code : String(error));

describe('a comparison with a null value matches nothing and reads nothing', () => {
  it('a prepared eq with a null value reads no row, like in: [null]', async () => {
    const { t } = await seeded();
    const orm = createOrm({ relations });
    const invitedBy = orm.query.users
      .findMany({ where: { invitedBy: sql.placeholder('inviter') }, columns: { name: true } })
      .prepare('invitedBy');
    const [inNull, viaNull] = await t.run(async (raw) => {
      const a = countReads(raw);
      const inNull = await orm.db(a.ctx).query.users.findMany({ where: { invitedBy: { in: [null as never] } } });
      const b = countReads(raw);
      const viaNull = await invitedBy.execute(b.ctx, { inviter: null as never });
      return [
        { rows: inNull, reads: { ...a.reads } },
        { rows: viaNull, reads: { ...b.reads } },
      ];
    });
    expect(inNull).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
    // Observed: { rows: [], reads: { documents: 5, ranges: 1 } }: the whole users table.
    expect(viaNull).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('the literal { eq: null }, { gt: null } and { notIn: [1, null] } read no row either', async () => {
    const { t } = await seeded();
    const orm = createOrm({ relations });
    const reads = await t.run(async (raw) => {
      const a = countReads(raw);
      await orm.db(a.ctx).query.users.findMany({ where: { age: { eq: null as never } } });
      const b = countReads(raw);
      await orm.db(b.ctx).query.users.findMany({ where: { age: { gt: null as never } } });
      // `age NOT IN (1, NULL)` is never TRUE (evaluate.ts says so too).
      const c = countReads(raw);
      const notIn = await orm.db(c.ctx).query.users.findMany({ where: { age: { notIn: [1, null as never] } } });
      expect(notIn).toEqual([]);
      return [{ ...a.reads }, { ...b.reads }, { ...c.reads }];
    });
    // Observed: { documents: 5, ranges: 1 } each, the whole users table.
    expect(reads).toEqual([
      { documents: 0, ranges: 0 },
      { documents: 0, ranges: 0 },
      { documents: 0, ranges: 0 },
    ]);
  });

  it('past the scan budget it returns [] instead of SCAN_BUDGET_EXCEEDED', async () => {
    const { t } = await seeded();
    const small = createOrm({ relations, scanBudget: 3 });
    const invitedBy = small.query.users.findMany({ where: { invitedBy: sql.placeholder('inviter') } }).prepare();
    const outcome = await t.run((ctx) =>
      invitedBy.execute(ctx, { inviter: null as never }).then((rows) => rows, reason),
    );
    // Observed: 'SCAN_BUDGET_EXCEEDED' (5 users scanned for a filter no row can pass).
    expect(outcome).toEqual([]);
  });

  it('in strict mode it returns [] instead of FULL_SCAN_FORBIDDEN', async () => {
    const { t } = await seeded();
    const strict = createOrm({ relations, strict: true });
    const invitedBy = strict.query.users.findMany({ where: { invitedBy: sql.placeholder('inviter') } }).prepare();
    const outcome = await t.run((ctx) =>
      invitedBy.execute(ctx, { inviter: null as never }).then((rows) => rows, reason),
    );
    // Observed: 'FULL_SCAN_FORBIDDEN'.
    expect(outcome).toEqual([]);
  });

  it('nor does NOT of one, an OR of them, a relation filter, a count, a search, or an update or delete by id', async () => {
    const { t, ids } = await seeded();
    const orm = createOrm({ relations, strict: true });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const rows = [
        // NOT (age = NULL) is UNKNOWN too, not TRUE.
        await db.query.users.findMany({ where: { NOT: { age: { eq: null as never } } } }),
        await db.query.users.findMany({
          where: { OR: [{ age: { lt: null as never } }, { invitedBy: { ne: null as never } }] },
        }),
        await db.query.users.findMany({ where: { posts: { publishedAt: { gte: null as never } } } }),
        await db
          .delete(users)
          .where(and(eq(users._id, ids.users.ada), eq(users.age, null as never)))
          .returning(),
        await db
          .update(users)
          .set({ name: 'x' })
          .where(and(eq(users._id, ids.users.bob), eq(users.invitedBy, null as never)))
          .returning(),
      ];
      const count = await db.query.users.count({ where: { invitedBy: { eq: null as never } } });
      const explain = db.query.users.findMany({ where: { age: { gte: null as never } } }).explain();
      return { rows, count, reads: { ...reads }, explain: { read: explain.read, fullScan: explain.fullScan } };
    });
    expect(out).toEqual({
      rows: [[], [], [], [], []],
      count: 0,
      reads: { documents: 0, ranges: 0 },
      explain: { read: 'none', fullScan: false },
    });
    const search = await (await introPosts(3)).run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await searchOrm.db(ctx).query.posts.findMany({
        search: { index: 'search_title', query: 'intro' },
        where: { words: { eq: null as never } },
      });
      return { rows, reads: { ...reads } };
    });
    expect(search).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('a condition with null that a row can pass still passes it (three-valued, as evaluated)', async () => {
    const { t } = await seeded();
    const orm = createOrm({ relations });
    const names = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const name = (rows: { name: string }[]) => rows.map((row) => row.name);
      return [
        // NOT (age NOT IN (25, NULL)) is TRUE where age is 25, UNKNOWN elsewhere.
        name(await db.query.users.findMany({ where: { NOT: { age: { notIn: [25, null as never] } } } })),
        // An OR passes on its other branch.
        name(
          await db.query.users.findMany({ where: { OR: [{ age: { eq: null as never } }, { email: 'eve@x.dev' }] } }),
        ),
      ];
    });
    expect(names).toEqual([['Bob'], ['Eve']]);
  });
});
