/**
 * Aggregate indexes stay in step with the rows inside one
 * db.transaction through caught failures: a statement refused on a unique key writes no bucket,
 * one whose after-hook throws keeps rows and buckets (docs/mutations.md l.7-9), a caught
 * tx.rollback() in a nested transaction keeps its update (docs/divergences.md "No savepoints"), and a
 * soft delete takes the row out of the count (docs/aggregates.md), with transactionLimits: true.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineTriggers, eq } from '../../../src/index';
import { authors, notes, posts, relations, schema } from './fixture';

const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    posts: {
      afterInsert: ({ new: post }) => {
        if (post.title === 'boom') throw new Error('after boom');
      },
    },
  }),
});

it('aggregates stay in step with rows through caught failures inside a transaction', async () => {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    return db.transaction(async (tx) => {
      const [a] = await tx.insert(authors).values({ name: 'a' }).returning();
      await tx.insert(posts).values([
        { title: 'x', slug: 's1', authorId: a!._id, status: 'draft', views: 1 },
        { title: 'y', slug: 's2', authorId: a!._id, status: 'draft', views: 2 },
      ]);
      const errs: string[] = [];
      try {
        await tx.insert(posts).values([
          { title: 'z', slug: 's3', authorId: a!._id, status: 'draft', views: 4 },
          { title: 'w', slug: 's1', authorId: a!._id, status: 'draft', views: 8 },
        ]);
      } catch (e) {
        errs.push((e as any).code);
      }
      try {
        await tx.insert(posts).values({ title: 'boom', slug: 's4', authorId: a!._id, status: 'draft', views: 16 });
      } catch (e) {
        errs.push((e as Error).message);
      }
      try {
        await tx.transaction(async (inner) => {
          await inner.update(posts).set({ views: 100 }).where(eq(posts.slug, 's2'));
          inner.rollback();
        });
      } catch (e) {
        errs.push((e as any).code);
      }
      const [n] = await tx.insert(notes).values({ body: 'n', rank: 1 }).returning();
      await tx.delete(notes).where(eq(notes._id, n!._id));
      const counted = await tx.$count(posts, { authorId: a!._id });
      const rows = await ctx.db.query('posts').collect();
      const notesCount = await tx.$count(notes);
      return { errs, counted, rows: rows.length, views: rows.reduce((s, r) => s + (r.views ?? 0), 0), notesCount };
    });
  });
  expect(out).toMatchObject({
    errs: ['UNIQUE_VIOLATION', 'after boom', 'TRANSACTION_ROLLBACK'],
    counted: 3,
    rows: 3,
    views: 1 + 100 + 16,
    notesCount: 0,
  });
});
