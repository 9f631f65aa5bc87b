// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The first block of docs/mutations.md, on the example app, type-checked by `tsc`. */
import { v } from 'convex/values';
import { mutation } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';                       // createOrm({ relations }) at module scope
import { users } from '../../example/convex/schema';

export const signUp = mutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const db = orm.db(ctx);
    const [user] = await db.insert(users).values(args).returning();
    return user;                                   // { _id, _creationTime, name, email, role: 'member', ... }
  },
});
