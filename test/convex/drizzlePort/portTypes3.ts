import type { GenericId } from 'convex/values';
import { eq, type OrmWriter } from '../../../src/index';
import { posts, type relations, settings } from './app';

type Db = OrmWriter<typeof relations>;
type NewPost = typeof posts.$inferInsert;
type Post = typeof posts.$inferSelect;
type NewSettings = typeof settings.$inferInsert;

export async function updatePost(db: Db, id: GenericId<'posts'>, data: Partial<NewPost>) {
  return db.update(posts).set(data).where(eq(posts._id, id)).returning();
}
export async function importPosts(db: Db, rows: NewPost[]) {
  return db.insert(posts).values(rows).returning({ id: posts._id });
}
export async function saveSettings(db: Db, values: NewSettings) {
  return db.insert(settings).values(values).onConflictDoUpdate({ target: settings.userId, set: values }).returning();
}
export async function clonePost(db: Db, p: Post) {
  const { _id, _creationTime, ...rest } = p;
  return db
    .insert(posts)
    .values({ ...rest, title: `${p.title} (copy)` })
    .returning();
}
export async function setFromRow(db: Db, p: Post) {
  return db
    .update(posts)
    .set({ ...p, views: p.views + 1 })
    .where(eq(posts._id, p._id));
}
export async function getUserWithPosts(db: Db, email: string) {
  const u = await db.query.users.findFirst({ where: { email }, with: { posts: { columns: { title: true } } } });
  if (!u) return null;
  const titles: string[] = u.posts.map((p) => p.title);
  return { ...u, titles };
}
