import { describe, expect, it } from 'vitest';
import type { Id } from '../../example/convex/_generated/dataModel';
import { comments, groups, posts, users, usersToGroups } from '../../example/convex/schema';
import { createMutationApi, eq, type MutationApi } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema, rejection } from './mutationHarness';

/** A user with 10 posts of 3 comments each (written by another user), in a group, who invited someone. */
async function seedAuthor(db: MutationApi) {
  const [author, reader] = await db
    .insert(users)
    .values([
      { name: 'Author', email: 'author@x' },
      { name: 'Reader', email: 'reader@x' },
    ])
    .returning({ _id: users._id });
  const authorId = author!._id;
  const readerId = reader!._id;
  await db.insert(users).values({ name: 'Invitee', email: 'invitee@x', invitedBy: authorId });
  const postRows = await db
    .insert(posts)
    .values(Array.from({ length: 10 }, (_, i) => ({ title: `P${i}`, authorId })))
    .returning({ _id: posts._id });
  await db
    .insert(comments)
    .values(postRows.flatMap(({ _id }) => [1, 2, 3].map((n) => ({ postId: _id, authorId: readerId, body: `c${n}` }))));
  const [group] = await db.insert(groups).values({ name: 'G' }).returning({ _id: groups._id });
  await db.insert(usersToGroups).values({ userId: readerId, groupId: group!._id });
  return { authorId, readerId, groupId: group!._id };
}

async function counts(ctx: { db: any }) {
  const tables = ['users', 'posts', 'comments', 'groups', 'usersToGroups'] as const;
  const sizes = await Promise.all(tables.map(async (table) => (await ctx.db.query(table).collect()).length));
  return Object.fromEntries(tables.map((table, i) => [table, sizes[i]]));
}

describe('delete on the example app', () => {
  it('cascades a user to 10 posts and their 30 comments, sets invitedBy null, and reads exactly those rows', async () => {
    const { run } = exampleBackend();
    const { authorId } = await run(seedAuthor);
    const result = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      const writes = { deletes: 0, patches: 0 };
      const db = new Proxy(counted.ctx.db, {
        get(target, key) {
          if (key === 'delete') writes.deletes++;
          if (key === 'patch') writes.patches++;
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const deleted = await createMutationApi(db, ormSchema)
        .delete(users)
        .where(eq(users._id, authorId))
        .returning({ name: users.name });
      return { deleted, reads: { ...counted.reads }, writes, after: await counts(ctx) };
    });
    expect(result.deleted).toEqual([{ name: 'Author' }]);
    expect(result.after).toEqual({ users: 2, posts: 0, comments: 0, groups: 1, usersToGroups: 1 });
    // Documents: the 41 deleted rows once each, plus the invitee whose invitedBy is set to null.
    // Ranges: 1 get + one per foreign key into users (4) + one per deleted post for its comments (10).
    expect(result.reads).toEqual({ documents: 41 + 1, ranges: 1 + 4 + 10 });
    expect(result.writes).toEqual({ deletes: 41, patches: 1 });
    const invitee = (await run((_, ctx) => ctx.db.query('users').collect())).find((row) => row.name === 'Invitee');
    expect(invitee?.invitedBy).toBeNull();
  });

  it('deletes by object filter and returns whole rows; no match returns []', async () => {
    const { run } = exampleBackend();
    const { readerId } = await run(seedAuthor);
    const rows = await run((db) => db.delete(usersToGroups).where({ userId: readerId }).returning());
    expect(rows).toEqual([expect.objectContaining({ userId: readerId, _creationTime: expect.any(Number) })]);
    expect(await run((db) => db.delete(usersToGroups).where({ userId: readerId }).returning())).toEqual([]);
  });

  it('refuses delete without a condition unless .all() is called', async () => {
    const { run } = exampleBackend();
    await run(seedAuthor);
    const noCondition = await run(async (db) => {
      const errors = [];
      errors.push((await rejection(Promise.resolve().then(() => db.delete(posts).where(undefined)))).code);
      errors.push((await rejection(Promise.resolve().then(() => db.delete(posts).where({})))).code);
      const unfiltered = await rejection(db.delete(posts));
      errors.push(unfiltered.code, unfiltered.message);
      return errors;
    });
    expect(noCondition).toEqual([
      'INVALID_FILTER',
      'INVALID_FILTER',
      'INVALID_QUERY',
      'Delete from "posts" has no .where(); add .where(filter), or call .all() to target every row.',
    ]);
    expect((await run((_, ctx) => counts(ctx))).posts).toBe(10);
    await run((db) => db.delete(comments).all());
    expect((await run((_, ctx) => counts(ctx))).comments).toBe(0);
  });

  it('a delete whose cascade exceeds the row cap throws ROW_CAP_EXCEEDED and deletes nothing', async () => {
    const { t, run } = exampleBackend();
    const { authorId } = await run(seedAuthor);
    const error = await t.run((ctx) =>
      rejection(createMutationApi(ctx.db, ormSchema, { rowCap: 20 }).delete(users).where({ _id: authorId })),
    );
    expect(error).toMatchObject({ code: 'ROW_CAP_EXCEEDED', details: { rowCap: 20 } });
    expect(await run((_, ctx) => counts(ctx))).toEqual({
      users: 3,
      posts: 10,
      comments: 30,
      groups: 1,
      usersToGroups: 1,
    });
  });

  it('a cascade reaching a row by two paths still deletes every referencing row within the row cap', async () => {
    const { t, run } = exampleBackend();
    const ids = await run(async (db) => {
      const [author, other] = await db
        .insert(users)
        .values([
          { name: 'Author', email: 'author@x' },
          { name: 'Other', email: 'other@x' },
        ])
        .returning({ _id: users._id });
      const [post] = await db.insert(posts).values({ title: 'P', authorId: author!._id }).returning({ _id: posts._id });
      // The author's own comments are reached through the author and through the post.
      await db.insert(comments).values([
        { postId: post!._id, authorId: author!._id, body: 'own 1' },
        { postId: post!._id, authorId: author!._id, body: 'own 2' },
        { postId: post!._id, authorId: other!._id, body: 'reply' },
      ]);
      return { authorId: author!._id };
    });
    // Author, post and 3 comments: exactly the row cap.
    await t.run((ctx) =>
      createMutationApi(ctx.db, ormSchema, { rowCap: 5 }).delete(users).where({ _id: ids.authorId }),
    );
    expect(await run((_, ctx) => counts(ctx))).toMatchObject({ users: 1, posts: 0, comments: 0 });
  });

  it('rejects a filter on another table', async () => {
    const { run } = exampleBackend();
    const { authorId } = await run(seedAuthor);
    const error = await run(async (db) =>
      rejection(Promise.resolve().then(() => db.delete(posts).where(eq(users._id, authorId as Id<'users'>) as never))),
    );
    expect(error.code).toBe('INVALID_FILTER');
  });
});
