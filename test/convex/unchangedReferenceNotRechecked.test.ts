/**
 * An update that writes a foreign-key column with the value the row already holds (the documented
 * spread `set((post) => ({ ...post, title }))`, or `set({ authorId: sameId, ... })`) does not check
 * the reference again, as Postgres skips the RI check when the key's values are unchanged
 * (`RI_FKey_fk_upd_check_required`): an update by `_id` costs 1 document and 1 range (docs'
 * cost table), and a row whose stored reference already points at a missing row (raw writes, a
 * `safe_bypass` migration, a key declared over old data) can still be updated.
 */
import { describe, expect, it } from 'vitest';
import { posts, users } from '../../example/convex/schema';
import { createMutationApi, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema } from './mutationHarness';

describe('an update writing a foreign key with its unchanged value', () => {
  it('reads nothing for the reference (costs what set({ title }) costs)', async () => {
    const { run } = exampleBackend();
    const ids = await run(async (db) => {
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
      const [post] = await db.insert(posts).values({ title: 'a', authorId: ada!._id }).returning();
      return { ada: ada!._id, post: post!._id };
    });
    const reads = await run(async (_, ctx) => {
      const measure = async (fn: (db: any) => Promise<unknown>) => {
        const counted = countReads(ctx);
        await fn(createMutationApi(counted.ctx.db, ormSchema));
        return { ...counted.reads };
      };
      return {
        plain: await measure((db) => db.update(posts).set({ title: 'x' }).where(eq(posts._id, ids.post))),
        spread: await measure((db) =>
          db
            .update(posts)
            .set((post: any) => ({ ...post, title: 'y' }))
            .where(eq(posts._id, ids.post)),
        ),
        same: await measure((db) =>
          db.update(posts).set({ authorId: ids.ada, title: 'z' }).where(eq(posts._id, ids.post)),
        ),
      };
    });
    expect(reads.plain).toEqual({ documents: 1, ranges: 1 });
    expect(reads).toEqual({ plain: reads.plain, spread: reads.plain, same: reads.plain });
  });

  it('does not fail on a stored reference that already dangles', async () => {
    const { run } = exampleBackend();
    const postId = await run(async (db, ctx) => {
      const [bob] = await db.insert(users).values({ name: 'Bob', email: 'bob@x' }).returning();
      const [post] = await db.insert(posts).values({ title: 'b', authorId: bob!._id }).returning();
      await ctx.db.delete(bob!._id); // raw: the post's reference now dangles
      return post!._id;
    });
    const outcome = await run(async (db) => {
      const result: Record<string, string> = {};
      const attempt = async (name: string, fn: () => Promise<unknown>) => {
        try {
          await fn();
          result[name] = 'ok';
        } catch (e: any) {
          result[name] = `${e.code}: ${e.message}`;
        }
      };
      await attempt('plain', () => db.update(posts).set({ title: 'x' }).where(eq(posts._id, postId)));
      await attempt('spread', () =>
        db
          .update(posts)
          .set((post) => ({ ...post, title: 'y' }))
          .where(eq(posts._id, postId)),
      );
      return result;
    });
    expect(outcome).toEqual({ plain: 'ok', spread: 'ok' });
  });
});
