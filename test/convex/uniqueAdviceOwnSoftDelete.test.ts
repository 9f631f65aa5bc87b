// A UNIQUE_VIOLATION from a delete()'s own soft delete (unique(slug, deletedAt) nullsNotDistinct, another
// row of the slug soft-deleted earlier in the same mutation: Convex gives the mutation one Date.now())
// says the delete wrote the deletion time and another row was soft-deleted at the same time, not "use
// a different value" (delete() gave no value). The same conflict from update().set({ deletedAt })
// keeps the update's advice: there the caller gave the value.
import { convexTest } from 'convex-test';
import { afterEach, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  text,
  timestamp,
  unique,
} from '../../src/index';

const parents = convexTable('parents', { slug: text().notNull(), deletedAt: timestamp() }, (t) => [
  unique('slug_live').on(t.slug, t.deletedAt).nullsNotDistinct(),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { parents };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const failure = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => null,
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );

afterEach(() => vi.useRealTimers());

it("a soft delete()'s unique conflict on the deletion time it wrote does not tell the caller to use a different value", async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_000_000);
  const t = convexTest({ schema, modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [first] = await db.insert(parents).values({ slug: 'a' }).returning();
    await db.delete(parents).where(eq(parents._id, first!._id)); // (a, 1_000_000)
    const [second] = await db.insert(parents).values({ slug: 'a' }).returning(); // (a, null): the slug is free again
    const viaDelete = await failure(db.delete(parents).where(eq(parents._id, second!._id)));
    const viaUpdate = await failure(
      db.update(parents).set({ deletedAt: 1_000_000 }).where(eq(parents._id, second!._id)),
    );
    return { viaDelete, viaUpdate };
  });
  expect(out.viaDelete?.code).toBe('UNIQUE_VIOLATION');
  // delete() gave no value: the ORM wrote the deletion time.
  expect(out.viaDelete?.message).not.toMatch(/use a different value/);
  expect(out.viaDelete?.message).toMatch(
    /this delete wrote the row's deletion time, and another row with this key was soft-deleted at the same time/,
  );
  // The update gave the time itself: its advice stays.
  expect(out.viaUpdate?.code).toBe('UNIQUE_VIOLATION');
  expect(out.viaUpdate?.message).toMatch(/use a different value\.$/);
});
