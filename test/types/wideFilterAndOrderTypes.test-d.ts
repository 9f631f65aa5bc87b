import { and, desc, eq, type FilterExpression, gt, isNull, type OrderExpression } from 'convex-orm';
import { describe, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
const db = orm.db(ctx);

// Each filter or ordering below is on users' own columns and runs; the variables are annotated with
// the exported FilterExpression / OrderExpression types (their default, as before cd48ce0 / e1c0734),
// as Drizzle code annotates SQL / SQL | undefined when it builds conditions.
describe('filters and orderings typed with the exported wide types', () => {
  it('a helper returning FilterExpression filters an update and a delete of its table', () => {
    const byName = (name: string): FilterExpression => eq(users.name, name);
    db.update(users).set({ name: 'x' }).where(byName('a'));
    db.delete(users).where(byName('a'));
  });

  it('a list of FilterExpression conditions joined with and() filters a delete', () => {
    const conditions: FilterExpression[] = [];
    conditions.push(isNull(users.age));
    conditions.push(gt(users.age, 3));
    db.delete(users).where(and(...conditions));
  });

  it('an optional FilterExpression | undefined built conditionally filters an update', () => {
    let filter: FilterExpression | undefined;
    if (Math.random() > 0.5) filter = eq(users.email, 'a@x.dev');
    db.update(users).set({ verified: true }).where(filter);
  });

  it('an OrderExpression variable is what an orderBy callback returns', () => {
    const newest: OrderExpression = desc(users.name);
    db.query.users.findMany({ orderBy: () => newest });
  });
});
