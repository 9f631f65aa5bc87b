// biome-ignore-all format: the guide's blocks, verbatim
/**
 * The code of docs/mutations.md, type-checked by `tsc`: mutations.test.ts checks that every ```ts
 * block of the guide appears here or in mutations.signUp.ts, mutations.softDelete.ts or
 * mutations.deletions.ts verbatim (up to indentation), and runs them.
 */
import type { GenericId } from 'convex/values';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  gt,
  id,
  integer,
  type OrmWriter,
  text,
  textEnum,
} from 'convex-orm';

export const users = convexTable('users', {
  name: text().notNull(),
  email: text().notNull().unique(),
  role: textEnum(['admin', 'member']).notNull().default('member'),
  age: integer(),
});
export const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users').notNull(),
  views: integer().notNull().default(0),
});
export const comments = convexTable('comments', { postId: id('posts').notNull(), body: text().notNull() });

export const tables = { users, posts, comments };
export const relations = defineRelations(tables);
export const schema = defineSchema(tables);
export const orm = createOrm({ relations });

type NewUser = typeof users.$inferInsert;

export async function insert(db: OrmWriter<typeof relations>, row: NewUser) {
  await db.insert(users).values({ name: 'Ada', email: 'ada@x' });            // resolves to undefined
  await db.insert(users).values([{ name: 'Bob', email: 'bob@x' }, { name: 'Cy', email: 'cy@x' }]); // several rows, one statement
  await db.insert(users).values(row).returning();                           // whole rows (with _id, _creationTime)
  await db.insert(users).values(row).returning({ id: users._id });          // selected columns
}

export async function upsert(db: OrmWriter<typeof relations>, row: NewUser, rows: NewUser[]) {
  await db.insert(users).values(rows).onConflictDoNothing();                        // any unique conflict skips the row
  await db.insert(users).values(rows).onConflictDoNothing({ target: users.email });
  await db.insert(users).values(row).onConflictDoUpdate({
    target: users.email,                 // or [t.a, t.b]: must be a unique constraint / unique index
    set: { name: 'Ada L.' },             // constant values; $onUpdateFn columns are refreshed too
    setWhere: { role: 'member' },        // optional, on the row's own columns; false leaves the row, returns nothing for it
  }).returning();
}

export async function updateAndDelete(db: OrmWriter<typeof relations>, id: GenericId<'users'>, postId: GenericId<'posts'>, title: string) {
  await db.update(users).set({ role: 'admin' }).where(eq(users._id, id)).returning();
  await db.update(posts).set({ title }).where({ authorId: id });     // the v1 where-object works too
  await db.update(users).set({ age: null }).where({ age: { lt: 0 } }); // null clears a nullable column
  await db.update(posts).set((post) => ({ views: post.views + 1 })).where(eq(posts._id, postId)); // computed per row
  await db.delete(users).where(eq(users._id, id)).returning({ _id: users._id });
  await db.delete(comments).all();                                  // every row: must be explicit
}

export async function counts(db: OrmWriter<typeof relations>) {
  await db.$count(users);                          // all rows, within the scan budget
  await db.$count(users, gt(users.age, 20));       // or a where-object
}

export async function transaction(db: OrmWriter<typeof relations>, row: typeof posts.$inferInsert) {
  const id = await db.transaction(async (tx) => {
    const [post] = await tx.insert(posts).values(row).returning(); // one row in, one row out
    if (await tx.$count(posts, { authorId: post!.authorId }) > 10) tx.rollback(); // at most 10 posts an author
    return post!._id;
  });
  return id;
}
