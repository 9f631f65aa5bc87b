import { OrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const ids = [];
    for (const [i, name] of ['Ada', 'Bob', 'Cy', 'Di'].entries()) {
      ids.push(
        await ctx.db.insert('users', { name, email: `${name}@x`, role: 'member', verified: i % 2 === 0, age: 20 + i }),
      );
    }
    return ids;
  });
  return { t, ids };
}

describe('countReads', () => {
  it('counts db.get as one range and a found document', async () => {
    const { t, ids } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      expect((await ctx.db.get(ids[0]!))?.name).toBe('Ada');
      expect((await ctx.db.get('users', ids[1]!))?.name).toBe('Bob');
      await ctx.db.delete(ids[2]!);
      expect(await ctx.db.get(ids[2]!)).toBeNull();
      expect(reads).toEqual({ documents: 2, ranges: 3 });
    });
  });

  it('counts one range per query and the documents an index range returns', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const [ada, bob] = await raw.db.query('users').take(2);
      for (const authorId of [ada!._id, bob!._id, bob!._id]) await raw.db.insert('posts', { title: 'T', authorId });
      const rows = await ctx.db
        .query('posts')
        .withIndex('by_author', (q) => q.eq('authorId', bob!._id))
        .collect();
      expect(rows).toHaveLength(2);
      expect(reads).toEqual({ documents: 2, ranges: 1 });
      expect(await ctx.db.query('users').order('desc').take(2)).toHaveLength(2);
      expect(reads).toEqual({ documents: 4, ranges: 2 });
    });
  });

  it('counts documents a .filter rejects, with Convex filter semantics', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const first = await ctx.db
        .query('users')
        .filter((q) => q.and(q.eq(q.field('verified'), false), q.gt(q.add(q.field('age'), 1), 22)))
        .first();
      expect(first?.name).toBe('Di');
      expect(reads).toEqual({ documents: 4, ranges: 1 });
      const none = await ctx.db
        .query('users')
        .filter((q) => q.or(q.lt(q.field('age'), 0), q.not(q.neq(q.field('name'), 'Zed'))))
        .collect();
      expect(none).toEqual([]);
      expect(reads).toEqual({ documents: 8, ranges: 2 });
    });
  });

  it('counts async iteration, unique and paginate', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      let seen = 0;
      for await (const _row of ctx.db.query('users')) if (++seen === 3) break;
      expect(reads).toEqual({ documents: 3, ranges: 1 });
      await expect(ctx.db.query('users').unique()).rejects.toThrow(/more than one result/);
      expect(reads).toEqual({ documents: 5, ranges: 2 });
      const page = await ctx.db.query('users').paginate({ numItems: 3, cursor: null });
      expect(page.page).toHaveLength(3);
      expect(page.isDone).toBe(false);
      expect(reads).toEqual({ documents: 8, ranges: 3 });
    });
  });

  it("unique() fails as the database's own unique() does, not with an ORM error", async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx } = countReads(raw);
      const failure = (query: Promise<unknown>) =>
        query.then(
          () => null,
          (error: Error) => error,
        );
      const [own, counted] = [
        await failure(raw.db.query('users').unique()),
        await failure(ctx.db.query('users').unique()),
      ];
      expect(counted).toBeInstanceOf(Error);
      expect(counted).not.toBeInstanceOf(OrmError);
      expect(counted?.message).toBe(own?.message);
    });
  });

  it("take() rejects what the database's own take() rejects", async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx } = countReads(raw);
      for (const n of [-1, 1.5]) {
        const failure = (query: Promise<unknown>) =>
          query.then(
            () => null,
            (error: Error) => error.message,
          );
        const own = await failure(raw.db.query('users').take(n));
        expect(own).not.toBeNull();
        expect(await failure(ctx.db.query('users').take(n))).toBe(own);
      }
    });
  });

  it('passes writes and normalizeId through to the real db', async () => {
    const { t, ids } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await ctx.db.patch(ids[0]!, { name: 'Ada L.' });
      expect(ctx.db.normalizeId('users', ids[0]!)).toBe(ids[0]);
      expect(ctx.db.normalizeId('users', 'nope')).toBeNull();
      expect(reads).toEqual({ documents: 0, ranges: 0 });
      expect((await raw.db.get(ids[0]!))?.name).toBe('Ada L.');
    });
  });
});
