import { alias, and, type ConvexSelect, count, eq, gt, isNull, max, or } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
declare const maybe: boolean;

// where(), ON and groupBy() now take the select's tables' columns only: everything that is not an
// aggregate still type-checks (aliases, self-joins, optional conditions, dynamic helpers).
describe('where / ON / groupBy over non-aggregates still compile', () => {
  it('aliases and self-joins', async () => {
    const inviter = alias(users, 'inviter');
    await db
      .select({ name: users.name, by: inviter.name, n: count() })
      .from(users)
      .leftJoin(inviter, and(eq(inviter._id, users.invitedBy), gt(inviter.age, 1)))
      .where(or(isNull(inviter.name), eq(users.role, 'admin')))
      .groupBy(users.name, inviter.name)
      .having(gt(count(), 0))
      .orderBy(max(inviter.age));
  });

  it('optional conditions and where-objects', async () => {
    await db
      .select()
      .from(posts)
      .innerJoin(comments, eq(comments.postId, posts._id))
      .where(and(maybe ? eq(comments.body, 'x') : undefined, gt(posts.title, 'a')));
    await db.select().from(posts).where({ title: 'x' });
    await db.select().from(posts).where(undefined);
  });

  it('a dynamic helper', async () => {
    const onlyAdmins = <T extends ConvexSelect>(qb: T) => qb.where(eq(users.role, 'admin'));
    const grouped = <T extends ConvexSelect>(qb: T) => qb.groupBy(users.role);
    await onlyAdmins(db.select().from(users).$dynamic());
    await grouped(db.select({ role: users.role, n: count() }).from(users).$dynamic());
  });
});
