import { v } from 'convex/values';
import { mutation, query } from './_generated/server';

/** Inserts a user with raw ctx.db: Convex checks the ORM-generated validator. */
export const createRaw = mutation({
  args: { user: v.any() },
  handler: async (ctx, { user }) => ctx.db.insert('users', user),
});

export const list = query({
  args: {},
  handler: async (ctx) => ctx.db.query('users').take(100),
});
