import { v } from 'convex/values';
import { isOrmError } from 'convex-orm';
import { mutation } from './_generated/server';
import { orm } from './orm';
import { users } from './schema';

/** Inserts a user through the ORM (defaults, validation, unique email) and returns the stored row. */
export const createUser = mutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const [user] = await orm.db(ctx).insert(users).values(args).returning();
    return user!;
  },
});

/** Inserts a user inside db.transaction, then rolls back: the error aborts the whole mutation. */
export const createThenRollback = mutation({
  args: { email: v.string() },
  handler: (ctx, { email }) =>
    orm.db(ctx).transaction(async (tx) => {
      await tx.insert(users).values({ name: 'Temp', email });
      tx.rollback();
    }),
});

/**
 * Catches its own rollback. Convex has no savepoints, so the insert made
 * before `tx.rollback()` stays (a documented divergence from Postgres).
 */
export const createThenCatchRollback = mutation({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    const db = orm.db(ctx);
    try {
      await db.transaction(async (tx) => {
        await tx.insert(users).values({ name: 'Kept', email });
        tx.rollback();
      });
    } catch (error) {
      if (!isOrmError(error, 'TRANSACTION_ROLLBACK')) throw error;
    }
    return db.$count(users);
  },
});
