// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/tooling.md on the example app, type-checked by `tsc`; tooling.test.ts checks
 * that every ```ts block of the guide appears here verbatim (up to indentation and the paths of
 * the example app's modules) and what the validators take.
 */
import { insertValidator, resultValidator, selectValidator, updateValidator } from 'convex-orm';
import { v } from 'convex/values';
import { mutation, query } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { relations, users } from '../../example/convex/schema';

export const createUser = mutation({
  args: insertValidator(users, { omit: ['invitedBy'] }), // Infer = Omit<typeof users.$inferInsert, 'invitedBy'>
  returns: selectValidator(users),                       // Infer = typeof users.$inferSelect
  handler: async (ctx, user) => (await orm.db(ctx).insert(users).values(user).returning())[0]!,
});

export const updateUser = mutation({
  args: { id: v.id('users'), set: updateValidator(users) }, // every column optional
  handler: (ctx, { id, set }) => orm.db(ctx).update(users).set(set).where({ _id: id }),
});

const shape = { columns: { name: true }, with: { posts: { columns: { title: true } } } } as const;
export const userWithPosts = query({
  args: { id: v.id('users') },
  returns: v.union(v.null(), resultValidator(relations, 'users', shape)), // Infer = the query's row type
  handler: async (ctx, { id }) =>
    (await orm.db(ctx).query.users.findFirst({ where: { _id: id }, ...shape })) ?? null,
});

export { shape };
