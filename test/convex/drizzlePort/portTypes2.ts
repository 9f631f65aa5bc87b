import { and, type ConvexSelect, desc, eq, type FilterExpression, ilike } from '../../../src/index';
import { orm, posts, users } from './app';

function withPagination<T extends ConvexSelect>(qb: T, page = 1, pageSize = 10) {
  return qb.limit(pageSize).offset((page - 1) * pageSize);
}

export async function dyn(ctx: any, q?: string, role?: 'admin' | 'member') {
  const db = orm.db(ctx);
  const filters = [];
  if (q) filters.push(ilike(users.name, `%${q}%`));
  if (role) filters.push(eq(users.role, role));
  const query = db
    .select()
    .from(users)
    .where(and(...filters))
    .$dynamic();
  const rows = await withPagination(query, 2);
  const n: string = rows[0]!.name;
  const typed: FilterExpression[] = [];
  typed.push(eq(users.name, 'x'));
  await db
    .select()
    .from(users)
    .where(and(...typed));
  return n;
}

export async function orderDyn(ctx: any, sort: 'new' | 'top') {
  const db = orm.db(ctx);
  return db
    .select()
    .from(posts)
    .orderBy(sort === 'new' ? desc(posts.publishedAt) : desc(posts.views));
}
