import type { GenericId } from 'convex/values';
import type { OrmWriter } from '../../../src/index';
import {
  count,
  desc,
  eq,
  getTableColumns,
  type InferInsertModel,
  type InferSelectModel,
  ilike,
  like,
  or,
  sum,
} from '../../../src/index';
import { memberships, orm, posts, type relations, users } from './app';

type Db = OrmWriter<typeof relations>;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Post = InferSelectModel<typeof posts>;
export type NewPost = InferInsertModel<typeof posts>;

export async function helpers(ctx: any, userId: GenericId<'users'>, q: string) {
  const db = orm.db(ctx);
  // single orderBy from callback (not an array)
  const a = await db.query.posts.findMany({ orderBy: (p, { desc }) => desc(p.publishedAt), limit: 10 });
  const b = await db.query.posts.findFirst({
    where: { authorId: userId },
    orderBy: { publishedAt: 'desc' },
    with: { author: true },
  });
  const name: string | undefined = b?.author.name;
  // select with search
  const c = await db
    .select()
    .from(posts)
    .where(or(ilike(posts.title, `%${q}%`), like(posts.body, `%${q}%`)))
    .orderBy(desc(posts.publishedAt))
    .limit(20);
  const t0: string = c[0]!.title;
  const [u] = await db.select().from(users).where(eq(users._id, userId)).limit(1);
  const e: string | undefined = u?.email;
  // getTableColumns rest
  const { email: _omit, ...safe } = getTableColumns(users);
  const pub = await db.select(safe).from(users);
  const n: string = pub[0]!.name;
  // transaction with tx passed to a helper
  await db.transaction(async (tx) => {
    await createMembership(tx, userId, undefined as any);
    const rows = await tx.query.memberships.findMany({ where: { userId } });
    return rows.length;
  });
  // groupBy dashboard typed
  const d = await db
    .select({ status: posts.status, n: count(), v: sum(posts.views) })
    .from(posts)
    .groupBy(posts.status);
  const nn: number = d[0]!.n;
  const vv: number | null = d[0]!.v;
  return { a, name, t0, e, n, nn, vv };
}

async function createMembership(tx: Db, userId: GenericId<'users'>, orgId: GenericId<'orgs'>) {
  return tx.insert(memberships).values({ userId, orgId }).returning();
}
