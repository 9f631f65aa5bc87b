import type { GenericId } from 'convex/values';
import { avg, count, eq, max, min, type OrmWriter, sum } from '../../../src/index';
import { comments, posts, type relations, settings, users } from './app';

type Db = OrmWriter<typeof relations>;
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const ok = <_T extends true>() => {};

export async function shapes(db: Db) {
  const a = await db
    .select({ name: users.name, title: posts.title, views: posts.views })
    .from(users)
    .leftJoin(posts, eq(posts.authorId, users._id));
  ok<Eq<(typeof a)[number], { name: string; title: string | null; views: number | null }>>();
  const b = await db
    .select()
    .from(posts)
    .innerJoin(users, eq(users._id, posts.authorId))
    .leftJoin(settings, eq(settings.userId, users._id));
  ok<Eq<(typeof b)[number]['settings'], typeof settings.$inferSelect | null>>();
  ok<Eq<(typeof b)[number]['users'], typeof users.$inferSelect>>();
  const c = await db
    .select({ n: count(), s: sum(posts.views), a: avg(posts.views), mx: max(posts.title), mn: min(posts.publishedAt) })
    .from(posts);
  ok<Eq<(typeof c)[number], { n: number; s: number | null; a: number | null; mx: string | null; mn: number | null }>>();
  const d = await db.query.posts.findMany({
    columns: { title: true },
    with: { author: { columns: { name: true } }, comments: { columns: { body: true } } },
  });
  ok<Eq<(typeof d)[number], { title: string; author: { name: string }; comments: { body: string }[] }>>();
  const e = await db.query.comments.findFirst({
    with: { post: { columns: { title: true } } },
    columns: { body: true },
  });
  ok<Eq<typeof e, { body: string; post: { title: string } | null } | null>>();
  const f = await db.delete(comments).where(eq(comments.approved, false)).returning({ id: comments._id });
  ok<Eq<(typeof f)[number], { id: GenericId<'comments'> }>>();
  const g = await db.$count(posts);
  ok<Eq<typeof g, number>>();
}
