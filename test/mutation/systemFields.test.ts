import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { users } from '../../example/convex/schema';
import { eq, type MutationApi } from '../../src/index';
import { exampleBackend, rejection } from '../convex/mutationHarness';

/** Ada and Bob, as stored (with their system fields). */
const seedUsers = (db: MutationApi) =>
  db
    .insert(users)
    .values([
      { name: 'Ada', email: 'ada@x', age: 36 },
      { name: 'Bob', email: 'bob@x', age: 40 },
    ])
    .returning();

const snapshot = (_: unknown, ctx: MutationCtx) => ctx.db.query('users').collect();

const changed = (name: string) => ({
  code: 'VALIDATION',
  message: `"users.${name}" is a system field set by Convex; set() may repeat the row's own value (a spread row) but not change it.`,
});

describe('system fields in update(t).set()', () => {
  it("a spread row's own _id and _creationTime are left out: set(fn) spread or returned whole, set({ ...row })", async () => {
    const { run } = exampleBackend();
    const [ada, bob] = await run(seedUsers);
    const [spread, whole, constant] = await run(async (db) => [
      await db
        .update(users)
        .set((user) => ({ ...user, age: (user.age ?? 0) + 1 }))
        .all()
        .returning(),
      await db
        .update(users)
        .set((user) => user)
        .where(eq(users._id, bob!._id))
        .returning(),
      await db
        .update(users)
        .set({ ...ada!, name: 'Ada L.' })
        .where(eq(users._id, ada!._id))
        .returning(),
    ]);
    expect(spread).toEqual([
      { ...ada, age: 37 },
      { ...bob, age: 41 },
    ]);
    expect(whole).toEqual([{ ...bob, age: 41 }]);
    expect(constant).toEqual([{ ...ada, name: 'Ada L.' }]);
  });

  it("another row's _id or a changed _creationTime is VALIDATION, before the first write", async () => {
    const { run } = exampleBackend();
    const [ada, bob] = await run(seedUsers);
    const before = await run(snapshot);
    const errors = await run(async (db) => [
      // Ada's row spread into an update of both rows: right for Ada, another row's _id for Bob.
      await rejection(
        db
          .update(users)
          .set({ ...ada!, name: 'x' })
          .all(),
      ),
      await rejection(
        db
          .update(users)
          .set((user) => ({ ...user, _creationTime: user._creationTime + 1 }))
          .where(eq(users._id, bob!._id)),
      ),
    ]);
    expect(errors).toMatchObject([changed('_id'), changed('_creationTime')]);
    expect(await run(snapshot)).toEqual(before);
  });
});

describe('system fields in insert values and an upsert set', () => {
  const written = {
    code: 'VALIDATION',
    message: expect.stringMatching(
      /^"users\.(_id|_creationTime)" is a system field set by Convex; it cannot be written\.$/,
    ),
  };

  it('a read row inserted again (a copy) or spread into an upsert set is VALIDATION, as its type error', async () => {
    const { run } = exampleBackend();
    const [ada] = await run(seedUsers);
    const before = await run(snapshot);
    const errors = await run(async (db) => [
      await rejection(db.insert(users).values({ ...ada!, email: 'copy@x' } as never)),
      await rejection(
        db
          .insert(users)
          .values({ name: 'Ada', email: 'ada@x' })
          .onConflictDoUpdate({ target: users.email, set: { ...ada!, name: 'x' } as never }),
      ),
    ]);
    expect(errors).toMatchObject([written, written]);
    expect(await run(snapshot)).toEqual(before);
    const { _id, _creationTime, ...copy } = ada!;
    const [inserted] = await run((db) =>
      db
        .insert(users)
        .values({ ...copy, email: 'copy@x' })
        .returning(),
    );
    expect(inserted).toMatchObject({ ...copy, email: 'copy@x' });
    expect(inserted!._id).not.toBe(_id);
  });
});
