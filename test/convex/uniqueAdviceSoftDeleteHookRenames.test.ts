// A delete() on a soft-deletion table whose beforeUpdate renames the row (freeing a slug) and collides
// on unique(slug) is advised as an update ("use a different value"), not with an insert's onConflict
// advice: delete() takes no onConflict clause.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  text,
  timestamp,
  unique,
} from '../../src/index';

const users = convexTable('users', { slug: text().notNull(), deletedAt: timestamp() }, (t) => [
  unique('slug_unique').on(t.slug),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { users };
const relations = defineRelations(tables);
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    users: {
      beforeUpdate: ({ old, new: next }: any) =>
        old.deletedAt === null && next.deletedAt !== null ? { ...next, slug: `${old.slug}-deleted` } : next,
    },
  } as never),
});

it("a soft delete's unique conflict (a hook's rename) offers no onConflict clause", async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const error = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a] = await db.insert(users).values({ slug: 'a' }).returning();
    await db.insert(users).values({ slug: 'a-deleted' });
    return db
      .delete(users)
      .where(eq(users._id, a!._id))
      .then(
        () => null,
        (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
      );
  });
  expect(error?.code).toBe('UNIQUE_VIOLATION');
  expect(error?.message).toMatch(/slug = "a-deleted"/);
  expect(error?.message).not.toMatch(/onConflict/);
});
