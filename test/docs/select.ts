// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/select.md on the example app, type-checked by `tsc` (never run: select.test.ts
 * checks that every ```ts block of the guide appears here verbatim, up to indentation, and runs
 * the queries).
 */
import type { Id } from '../../example/convex/_generated/dataModel';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
declare const email: string;
declare const userId: Id<'users'>;

import { alias, asc, count, desc, eq, gt } from 'convex-orm';

const db = orm.db(ctx);
await db.select().from(users).where(eq(users.email, email));            // User[]
await db.select({ id: users._id, name: users.name }).from(users)
  .where({ role: 'admin' }).orderBy(asc(users.name)).limit(20).offset(40);
await db.select().from(users).leftJoin(posts, eq(posts.authorId, users._id));
//    -> { users: User; posts: Post | null }[]
await db.select({ id: users._id, email: users.email, postCount: count(posts._id) })
  .from(users)
  .leftJoin(posts, eq(posts.authorId, users._id))
  .where(eq(users.role, 'member'))
  .groupBy(users._id)
  .having(gt(count(posts._id), 0))
  .orderBy(desc(count(posts._id)))
  .limit(10);
await db.$count(posts, eq(posts.authorId, userId));                     // number
const inviter = alias(users, 'inviter');
await db.select().from(users).leftJoin(inviter, eq(inviter._id, users.invitedBy));
//    -> { users: User; inviter: User | null }[]

export async function selfJoins() {
  const inviter = alias(users, 'inviter');
  const grand = alias(users, 'grand');
  await db
    .select({ name: users.name, inviter: inviter.name, grand: grand.name })
    .from(users)
    .leftJoin(inviter, eq(inviter._id, users.invitedBy))   // db.get per distinct key: each inviter once per query
    .leftJoin(grand, eq(grand._id, inviter.invitedBy));
  // -> { name: string; inviter: string | null; grand: string | null }[]
}

export async function countsPerRow() {
  await db
    .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users._id)) })
    .from(users)
    .orderBy(asc(users.name))
    .limit(20);
  //    -> { name: string; posts: number }[]
}
