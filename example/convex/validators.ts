import { v } from 'convex/values';
import { insertValidator, resultValidator, selectValidator, updateValidator } from 'convex-orm';
import { mutation, query } from './_generated/server';
import { orm } from './orm';
import { relations, users } from './schema';

/** `args` from the insert type (minus `invitedBy`), `returns` from the select type. */
export const createUser = mutation({
  args: insertValidator(users, { omit: ['invitedBy'] }),
  returns: selectValidator(users),
  handler: async (ctx, user) => {
    const [row] = await orm.db(ctx).insert(users).values(user).returning();
    return row!;
  },
});

/** `args.set` from the update type: every column optional. */
export const updateUser = mutation({
  args: { id: v.id('users'), set: updateValidator(users) },
  returns: v.null(),
  handler: async (ctx, { id, set }) => {
    await orm.db(ctx).update(users).set(set).where({ _id: id });
    return null;
  },
});

const userWithPosts = resultValidator(relations, 'users', {
  columns: { name: true, age: true },
  with: { posts: { columns: { title: true, publishedAt: true } }, invitee: { columns: { name: true } } },
});

/** `returns` from the query's own `columns` / `with` shape. */
export const userWithPostsById = query({
  args: { id: v.id('users') },
  returns: v.union(v.null(), userWithPosts),
  handler: async (ctx, { id }) =>
    (await orm.db(ctx).query.users.findFirst({
      where: { _id: id },
      columns: { name: true, age: true },
      with: { posts: { columns: { title: true, publishedAt: true } }, invitee: { columns: { name: true } } },
    })) ?? null,
});

/** Returns more than its `returns` shape allows (every column): Convex must reject it. */
export const userBeyondItsShape = query({
  args: { id: v.id('users') },
  returns: v.union(v.null(), userWithPosts),
  handler: async (ctx, { id }) => {
    const user = await orm.db(ctx).query.users.findFirst({ where: { _id: id }, with: { posts: true, invitee: true } });
    return (user ?? null) as never;
  },
});
