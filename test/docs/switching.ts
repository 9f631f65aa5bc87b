/**
 * The convex-orm code of docs/switching.md, type-checked by `tsc` (TypeScript 7
 * and 5.x). Every ```ts block of the guide that starts with `// convex-orm`
 * appears here verbatim (up to indentation); switching.test.ts checks that.
 */
import type { DataModelFromSchemaDefinition, GenericMutationCtx, PaginationOptions } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from 'convex-orm';
import { defineMigration } from 'convex-orm/migrations';

// convex-orm: schema
export const users = convexTable('users', {
  name: text().notNull(),
  email: text().notNull().unique(),
  age: integer(),
});
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    publishedAt: timestamp(),
  },
  (t) => [index('by_author').on(t.authorId, t.publishedAt)],
);
const schema = defineSchema({ users, posts });
export default schema;

// convex-orm: relations
export const relations = defineRelations({ users, posts }, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
}));
export const orm = createOrm({ relations });

type DataModel = DataModelFromSchemaDefinition<typeof schema>;

export async function queries(
  ctx: GenericMutationCtx<DataModel>,
  paginationOpts: PaginationOptions,
  authorId: GenericId<'users'>,
) {
  // convex-orm: queries
  const db = orm.db(ctx);
  const adults = await db.query.users.findMany({
    where: { age: { gte: 18 } },
    orderBy: { name: 'asc' },
    limit: 10,
    with: { posts: { orderBy: { publishedAt: 'desc' }, limit: 3 } },
  });
  const ada = await db.query.users.findFirst({ where: { email: 'ada@example.com' } });
  const page = await db.query.posts.paginate(paginationOpts, {
    where: { authorId },
    orderBy: { publishedAt: 'desc' },
  });
  // end
  return { adults, ada, page };
}

export async function writes(ctx: GenericMutationCtx<DataModel>) {
  const db = orm.db(ctx);
  // convex-orm: writes
  const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@example.com' }).returning();
  await db.update(users).set({ age: 37 }).where({ email: 'ada@example.com' });
  await db
    .insert(users)
    .values({ name: 'Ada', email: 'ada@example.com' })
    .onConflictDoUpdate({ target: users.email, set: { name: 'Ada L.' } });
  await db.delete(users).where(eq(users._id, ada!._id)); // deletes her posts too (onDelete: 'cascade')
  // end
}

export async function rawAlongside(ctx: GenericMutationCtx<DataModel>, userId: GenericId<'users'>) {
  // convex-orm: raw ctx.db alongside
  const raw = await ctx.db.get(userId); // the same documents, the same transaction
  const shaped = await orm.db(ctx).query.users.findFirst({ where: { _id: userId }, with: { posts: true } });
  // end
  return { raw, shaped };
}

// convex-orm: migration
export const migration = defineMigration<DataModel>({
  id: '20260101_000000_trim_names',
  up: {
    table: 'users',
    migrateOne: async (_ctx, doc) => (doc.name === doc.name.trim() ? undefined : { name: doc.name.trim() }),
  },
});
