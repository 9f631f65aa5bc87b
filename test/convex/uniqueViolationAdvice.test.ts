/**
 * A `UNIQUE_VIOLATION`'s advice fits the statement: a row the statement inserts may handle a
 * conflict with a stored row with `onConflictDoNothing()` / `onConflictDoUpdate({ target, set })`
 * targeting the constraint's columns (an upsert targeting another constraint included: Postgres
 * handles only its target's conflicts), one with another row of the statement only with
 * `onConflictDoNothing()` (`onConflictDoUpdate` cannot affect a row a second time) or by
 * deduplicating; an update, an upsert's update branch, takes no `onConflict…`, so its advice is a
 * different value. Every violation advised "use a different value or onConflictDoUpdate".
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { eq } from '../../src/index';

const message = (run: () => Promise<unknown>) =>
  run().then(
    () => 'written',
    (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
  );

it('names onConflict… for an inserted row, a different value for an updated one', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    await db.insert(users).values({ name: 'Ada', email: 'ada@x' });
    const [bob] = await db.insert(users).values({ name: 'Bob', email: 'bob@x' }).returning();
    return {
      insert: await message(() => db.insert(users).values({ name: 'Ada 2', email: 'ada@x' })),
      twoRows: await message(() =>
        db.insert(users).values([
          { name: 'C', email: 'c@x' },
          { name: 'C2', email: 'c@x' },
        ]),
      ),
      skipped: await message(() =>
        db
          .insert(users)
          .values([
            { name: 'D', email: 'd@x' },
            { name: 'D2', email: 'd@x' },
          ])
          .onConflictDoNothing(),
      ),
      update: await message(() => db.update(users).set({ email: 'ada@x' }).where(eq(users._id, bob!._id))),
      upsertBranch: await message(() =>
        db
          .insert(users)
          .values({ name: 'Bob', email: 'bob@x' })
          .onConflictDoUpdate({ target: users.email, set: { email: 'ada@x' } }),
      ),
    };
  });
  const handle =
    'use a different value, or handle the conflict with onConflictDoNothing() or onConflictDoUpdate({ target, set }) targeting (email).';
  expect(out.insert).toMatch(/^UNIQUE_VIOLATION: Duplicate .* violates unique constraint/);
  expect(out.insert.endsWith(handle)).toBe(true);
  // With another row of the statement, onConflictDoUpdate cannot affect a row a second time: only DoNothing helps.
  expect(out.twoRows).toMatch(
    /conflicts with another row of the same statement\); deduplicate the values, or skip the later ones with onConflictDoNothing\(\)\.$/,
  );
  // The advice holds: the later row is skipped.
  expect(out.skipped).toBe('written');
  expect(out.update).toMatch(/^UNIQUE_VIOLATION: .*; use a different value\.$/);
  expect(out.upsertBranch).toMatch(/^UNIQUE_VIOLATION: .*; use a different value\.$/);
});
