/**
 * docs/mutations.md, "Read costs": "An update checks only the keys it changes: a
 * unique or foreign key whose columns it writes with the values they hold
 * (`set((post) => ({ ...post, title }))`) is not read again, as in Postgres". The test
 * (test/convex/unchangedReferenceNotRechecked.test.ts) pins the foreign-key side only; this pins
 * the unique side (cost and a duplicate stored before the key was declared) and a parent key
 * under `onUpdate: 'restrict'` written with its own value.
 * Passes today: kept as the only test of the unique side of that documented claim.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, integer, text } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend } from './mutationHarness';

describe('an update writing a unique key with its unchanged value', () => {
  it('costs what set({ name }) costs, and passes over a duplicate stored raw', async () => {
    const { run } = exampleBackend();
    const id = await run(async (db, ctx) => {
      const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning();
      // A duplicate stored before the key was declared (raw write).
      await ctx.db.insert('users', {
        ...(await ctx.db.get(ada!._id))!,
        _id: undefined,
        _creationTime: undefined,
        name: 'Dup',
      } as any);
      return ada!._id;
    });
    const result = await run(async (_, ctx) => {
      const { orm } = await import('../../example/convex/orm');
      const counted = countReads(ctx);
      const db = orm.db(counted.ctx as any);
      let error: string | null = null;
      try {
        await db
          .update(users)
          .set((user: any) => ({ ...user, name: 'Ada L.' }))
          .where(eq(users._id, id));
      } catch (e: any) {
        error = `${e.code}: ${e.message}`;
      }
      return { error, reads: { ...counted.reads } };
    });
    expect(result).toEqual({ error: null, reads: { documents: 1, ranges: 1 } });
  });
});

describe('a restrict key written with its own value', () => {
  const parents = convexTable('parents', { slug: text().notNull().unique(), n: integer() });
  const kids = convexTable('kids', {
    parent: text()
      .notNull()
      .references(() => parents.slug, { onUpdate: 'restrict' }),
  });
  const schema = defineSchema({ parents, kids });
  const orm = createOrm({ relations: defineRelations({ parents, kids }) });

  it('is no key change: the update is not refused', async () => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      const db = orm.db(ctx as any);
      await db.insert(parents).values({ slug: 'p', n: 1 });
      await db.insert(kids).values({ parent: 'p' });
      try {
        await db
          .update(parents)
          .set((row: any) => ({ ...row, n: 2 }))
          .where(eq(parents.slug, 'p'));
        await db.update(parents).set({ slug: 'p', n: 3 }).where(eq(parents.slug, 'p'));
        return 'ok';
      } catch (e: any) {
        return `${e.code}: ${e.message}`;
      }
    });
    expect(outcome).toBe('ok');
  });
});
