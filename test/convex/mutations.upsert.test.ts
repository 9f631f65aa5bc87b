import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { groups, posts, users, usersToGroups } from '../../example/convex/schema';
import { createMutationApi, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema, rejection } from './mutationHarness';

const snapshot = (_: unknown, ctx: MutationCtx) => ctx.db.query('users').collect();

describe('upsert on the example app', () => {
  it('onConflictDoUpdate on a single unique column updates the existing row and returns it', async () => {
    const { run } = exampleBackend();
    const [ada] = await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning());
    const rows = await run((db) =>
      db
        .insert(users)
        .values([
          { name: 'Ada Lovelace', email: 'ada@x' },
          { name: 'Bob', email: 'bob@x' },
        ])
        .onConflictDoUpdate({ target: users.email, set: { name: 'Ada Lovelace', role: 'admin' } })
        .returning({ _id: users._id, name: users.name, role: users.role }),
    );
    expect(rows).toEqual([
      { _id: ada!._id, name: 'Ada Lovelace', role: 'admin' },
      { _id: expect.any(String), name: 'Bob', role: 'member' },
    ]);
    expect((await run(snapshot)).map((row) => row.name)).toEqual(['Ada Lovelace', 'Bob']);
  });

  it('onConflictDoUpdate whose set values conflict with another row (stored or inserted) writes nothing', async () => {
    const { run } = exampleBackend();
    await run((db) =>
      db.insert(users).values([
        { name: 'Ada', email: 'ada@x' },
        { name: 'Bob', email: 'bob@x' },
      ]),
    );
    const before = await run(snapshot);
    const stored = await run((db) =>
      rejection(
        db
          .insert(users)
          .values({ name: 'Ada', email: 'ada@x' })
          .onConflictDoUpdate({ target: users.email, set: { email: 'bob@x' } }),
      ),
    );
    expect(stored).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'users' });
    // The first row takes the conflicting row's email to "cy@x"; the second inserts "cy@x".
    const inStatement = await run((db) =>
      rejection(
        db
          .insert(users)
          .values([
            { name: 'Ada', email: 'ada@x' },
            { name: 'Cy', email: 'cy@x' },
          ])
          .onConflictDoUpdate({ target: users.email, set: { email: 'cy@x' } }),
      ),
    );
    expect(inStatement).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'users' });
    expect(await run(snapshot)).toEqual(before);
  });

  it('setWhere false leaves the row unchanged and returns nothing for it', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x', role: 'admin' }));
    const before = await run(snapshot);
    const rows = await run((db) =>
      db
        .insert(users)
        .values({ name: 'Other', email: 'ada@x' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Other' }, setWhere: eq(users.role, 'member') })
        .returning(),
    );
    expect(rows).toEqual([]);
    expect(await run(snapshot)).toEqual(before);
    const matched = await run((db) =>
      db
        .insert(users)
        .values({ name: 'Other', email: 'ada@x' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Renamed' }, setWhere: { role: 'admin' } })
        .returning({ name: users.name }),
    );
    expect(matched).toEqual([{ name: 'Renamed' }]);
  });

  it('onConflictDoNothing skips conflicting rows (stored or earlier in the statement) and returns the inserted ones', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x' }));
    const rows = await run((db) =>
      db
        .insert(users)
        .values([
          { name: 'Ada again', email: 'ada@x' },
          { name: 'Bob', email: 'bob@x' },
          { name: 'Bob again', email: 'bob@x' },
        ])
        .onConflictDoNothing({ target: users.email })
        .returning({ name: users.name }),
    );
    expect(rows).toEqual([{ name: 'Bob' }]);
    const untargeted = await run((db) =>
      db.insert(users).values({ name: 'Ada 3', email: 'ada@x' }).onConflictDoNothing().returning(),
    );
    expect(untargeted).toEqual([]);
    expect((await run(snapshot)).map((row) => row.name)).toEqual(['Ada', 'Bob']);
  });

  it('onConflictDoNothing on a composite unique (userId, groupId)', async () => {
    const { run } = exampleBackend();
    const ids = await run(async (db) => {
      const [user] = await db.insert(users).values({ name: 'Ada', email: 'ada@x' }).returning({ _id: users._id });
      const [g1, g2] = await db
        .insert(groups)
        .values([{ name: 'G1' }, { name: 'G2' }])
        .returning({ _id: groups._id });
      await db.insert(usersToGroups).values({ userId: user!._id, groupId: g1!._id });
      return { userId: user!._id, g1: g1!._id, g2: g2!._id };
    });
    const inserted = await run((db) =>
      db
        .insert(usersToGroups)
        .values([
          { userId: ids.userId, groupId: ids.g1 },
          { userId: ids.userId, groupId: ids.g2 },
        ])
        .onConflictDoNothing({ target: [usersToGroups.groupId, usersToGroups.userId] })
        .returning({ groupId: usersToGroups.groupId }),
    );
    expect(inserted).toEqual([{ groupId: ids.g2 }]);
    const plain = await run((db) =>
      rejection(db.insert(usersToGroups).values({ userId: ids.userId, groupId: ids.g1 })),
    );
    expect(plain).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['userId', 'groupId'] } });
  });

  it('setWhere judges the conflicting row by its own columns: a relation filter is a typed error, nothing written', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x' }));
    const before = await run(snapshot);
    const error = await run((db) =>
      rejection(
        db
          .insert(users)
          .values({ name: 'Ada', email: 'ada@x' })
          .onConflictDoUpdate({
            target: users.email,
            set: { name: 'Ada L.' },
            // @ts-expect-error setWhere takes the table's columns, not its relations
            setWhere: { posts: { title: 'P' } },
          }),
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_FILTER', table: 'users', details: { field: 'posts' } });
    expect(error.message).toContain('setWhere');
    expect(await run(snapshot)).toEqual(before);
  });

  it('a target that is not a unique constraint is an error naming the unique constraints', async () => {
    const { run } = exampleBackend();
    const error = await run((db) =>
      rejection(
        Promise.resolve().then(() =>
          db
            .insert(users)
            .values({ name: 'A', email: 'a@x' })
            .onConflictDoUpdate({ target: users.name, set: { age: 1 } }),
        ),
      ),
    );
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('target (name) is not a unique constraint or unique index of "users"');
    expect(error.message).toContain('(email)');
    const foreign = await run((db) =>
      rejection(
        Promise.resolve().then(() =>
          db
            .insert(users)
            .values({ name: 'A', email: 'a@x' })
            .onConflictDoNothing({ target: posts.title as never }),
        ),
      ),
    );
    expect(foreign.code).toBe('INVALID_QUERY');
  });

  it('two rows of one statement hitting the same row in onConflictDoUpdate throw and write nothing', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x' }));
    const before = await run(snapshot);
    const error = await run((db) =>
      rejection(
        db
          .insert(users)
          .values([
            { name: 'New', email: 'new@x' },
            { name: 'A1', email: 'ada@x' },
            { name: 'A2', email: 'ada@x' },
          ])
          .onConflictDoUpdate({ target: users.email, set: { verified: true } }),
      ),
    );
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(await run(snapshot)).toEqual(before);
  });

  it('an upsert row costs one index range for its target (no second uniqueness lookup)', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values({ name: 'Ada', email: 'ada@x' }));
    const reads = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      await createMutationApi(counted.ctx.db, ormSchema)
        .insert(users)
        .values([
          { name: 'Ada', email: 'ada@x' },
          { name: 'Bob', email: 'bob@x' },
        ])
        .onConflictDoUpdate({ target: users.email, set: { verified: true } });
      return { ...counted.reads };
    });
    expect(reads).toEqual({ documents: 1, ranges: 2 });
  });
});
