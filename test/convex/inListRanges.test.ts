import { createOrm, isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { seeded } from './seed';

/**
 * The seeded app plus 200 posts by Eve (so a whole-table read shows in the
 * counts) and 127 users without posts: with Ada and Bob, 129 author ids.
 */
async function manyAuthors() {
  const { t, ids } = await seeded();
  const authors = await t.run(async (ctx) => {
    for (let i = 0; i < 200; i++) await ctx.db.insert('posts', { title: `filler ${i}`, authorId: ids.users.eve });
    const silent = [];
    for (let i = 0; i < 127; i++) {
      silent.push(
        await ctx.db.insert('users', { name: `U${i}`, email: `u${i}@x.dev`, role: 'member', verified: false }),
      );
    }
    return [ids.users.ada, ids.users.bob, ...silent];
  });
  return { t, ids, authors };
}

/** The typed error `query` rejects with (code, details, message), or null when it resolves. */
function failure(query: PromiseLike<unknown>) {
  return Promise.resolve(query).then(
    () => null,
    (e: unknown) => {
      if (!isOrmError(e)) throw e;
      return { code: e.code, details: e.details, message: e.message };
    },
  );
}

describe('an `in` list of many values on an indexed field', () => {
  it('129 values read 129 ranges of the index (5 documents), not the 207 posts', async () => {
    const { t, authors } = await manyAuthors();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm
        .db(ctx)
        .query.posts.findMany({ where: { authorId: { in: authors } }, columns: { title: true } });
      const plan = query.explain();
      const rows = await query;
      return { rows, plan, reads: { ...reads } };
    });
    expect(out.rows.map((row) => row.title).sort()).toEqual(
      ['Bob 2', 'Draft', 'Indexes', 'Intro to Convex', 'Intro to ORMs'].sort(),
    );
    expect(out.plan).toMatchObject({ index: 'by_author', fullScan: false, residual: null });
    expect(out.plan.ranges).toHaveLength(129);
    expect(out.reads).toEqual({ documents: 5, ranges: 129 });
  });

  it('notIn over 129 values reads the complement ranges of the index, not the table', async () => {
    const { t, ids, authors } = await manyAuthors();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const others = authors.filter((author) => author !== ids.users.bob);
      const query = orm.db(ctx).query.posts.findMany({ where: { authorId: { notIn: [...others, ids.users.eve] } } });
      const plan = query.explain();
      const rows = await query;
      return { titles: rows.map((row) => row.title).sort(), plan, reads: { ...reads } };
    });
    expect(out.titles).toEqual(['Bob 2', 'Cy post', 'Intro to ORMs']);
    expect(out.plan).toMatchObject({ index: 'by_author', fullScan: false });
    expect(out.plan.ranges).toHaveLength(130);
    expect(out.reads).toEqual({ documents: 3, ranges: 130 });
  });

  it('a list needing more ranges than the transaction has left throws SCAN_BUDGET_EXCEEDED, `_id in` too', async () => {
    const { t, authors } = await manyAuthors();
    const tight = createOrm({ relations, transactionBudget: { indexRanges: 100 } });
    const errors = await t.run(async (ctx) => {
      const db = tight.db(ctx);
      const byIndex = await failure(db.query.posts.findMany({ where: { authorId: { in: authors } } }));
      const byId = await failure(db.query.users.findMany({ where: { _id: { in: authors } } }));
      return { byIndex, byId };
    });
    const exceeded = { code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'indexRanges', limit: 100 } };
    expect(errors).toMatchObject({ byIndex: exceeded, byId: exceeded });
    expect(errors.byIndex?.message).toMatch(/fewer values in an `in`/);
  });

  it('strict mode names the index a list too long for one transaction cannot use, and suggests none', async () => {
    const { t, authors } = await manyAuthors();
    const strict = createOrm({ relations, strict: true });
    const tooMany = [...authors, ...Array.from({ length: 4_000 }, (_, i) => `k${i}`)];
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = strict.db(ctx).query.posts.findMany({ where: { authorId: { in: tooMany as never } } });
      const plan = query.explain();
      const error = await failure(query);
      return { plan, error, reads: { ...reads } };
    });
    expect(out.plan).toMatchObject({ index: 'by_creation_time', fullScan: true });
    expect(out.plan.suggestedIndex).toBeUndefined();
    expect(out.plan.unusedIndex).toBe(
      'index "by_author" would need 4129 ranges for authorId, more than the 4000 one transaction may read (the default index-range budget)',
    );
    expect(out.error).toMatchObject({ code: 'FULL_SCAN_FORBIDDEN', details: {} });
    expect(out.error?.message).toContain('index "by_author" would need 4129 ranges');
    expect(out.reads).toEqual({ documents: 0, ranges: 0 });
  });
});
