import type { MutationApi, OrmWriter, TablesRelationalConfig, Transaction } from 'convex-orm';
import {
  asc,
  convexTable,
  count,
  desc,
  FilterExpression,
  gt,
  id,
  type OrderExpression,
  primaryKey,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { relations } from '../../example/convex/schema';
import { posts, users } from '../../example/convex/schema';

declare const ctx: MutationCtx;
const db = orm.db(ctx);

async function useWriter<S extends TablesRelationalConfig>(w: OrmWriter<S>) {
  return w;
}
async function useTx<S extends TablesRelationalConfig>(tx: Transaction<OrmWriter<S>>): Promise<number> {
  await useWriter(tx);
  const w: OrmWriter<S> = tx;
  await w.transaction(async (t2) => useTx(t2));
  return tx.transaction(async (inner) => useTx(inner));
}
async function useApiTx<S extends TablesRelationalConfig>(tx: Transaction<MutationApi<S>>) {
  return tx;
}
type DrizzleTx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// Review checks of 2b71469..11470ed's public types (all pass on TS 7 and 5.9).
describe('transaction, count, filter/order expression and primaryKey types', () => {
  it('tx', () => {
    db.transaction(async (tx) => {
      await useTx(tx);
      await useWriter(tx);
      await useApiTx(tx);
      const t: DrizzleTx = tx;
      const w: OrmWriter<typeof relations> = tx;
      await tx.transaction(async (inner) => {
        const w2: OrmWriter<typeof relations> = inner;
        const d: DrizzleTx = inner;
        await useTx(inner);
        return [w2, d];
      });
      return [t, w];
    });
  });
  it('count', async () => {
    const a = count();
    const b = count(users.age);

    const r = await db.select({ a, b }).from(users);
    expectTypeOf(r).toEqualTypeOf<{ a: number; b: number }[]>();
    const g = await db
      .select({ role: users.role, n: count() })
      .from(users)
      .groupBy(users.role)
      .having(gt(count(), 1))
      .orderBy(desc(count()));
    expectTypeOf(g).toEqualTypeOf<{ role: 'admin' | 'member'; n: number }[]>();
    await db
      .select({ role: users.role, n: count(users.age) })
      .from(users)
      .groupBy(users.role)
      .having(gt(count(users.age), 1));
    // @ts-expect-error posts aggregate in a users-only select
    await db
      .select({ role: users.role, n: count(posts.title) })
      .from(users)
      .groupBy(users.role);
    await db
      .select({ role: users.role })
      .from(users)
      .groupBy(users.role)
      // @ts-expect-error posts aggregate in having of a users-only select
      .having(gt(count(posts.title), 1));
  });
  it('filters', () => {
    const fu = null as unknown as FilterExpression<'users'>;
    const ou = null as unknown as OrderExpression<'users'>;
    // @ts-expect-error users filter in a posts update
    db.update(posts).set({ title: 'x' }).where(fu);
    // @ts-expect-error users filter in a posts delete
    db.delete(posts).where(fu);
    // @ts-expect-error users order in posts select
    db.select().from(posts).orderBy(ou);
    // @ts-expect-error
    const f2: FilterExpression<'posts'> = fu;
    // @ts-expect-error
    const o2: OrderExpression<'posts'> = ou;
    // @ts-expect-error users order in posts findMany
    db.query.posts.findMany({ orderBy: () => [ou] });
    // @ts-expect-error users asc in posts findMany
    db.query.posts.findMany({ orderBy: () => [asc(users.name)] });
    // @ts-expect-error users filter in a posts select
    db.select().from(posts).where(fu);
    expectTypeOf(FilterExpression.failed).returns.toEqualTypeOf<FilterExpression>();
    return [f2, o2];
  });
  it('primaryKey', () => {
    convexTable('j', { a: id('users').notNull(), b: id('posts').notNull() }, (t) => [
      primaryKey({ columns: [t.a, t.b] }),
    ]);
    // @ts-expect-error empty columns
    convexTable('j2', { a: id('users').notNull() }, () => [primaryKey({ columns: [] })]);
    // drizzle's old positional form
    // @ts-expect-error
    convexTable('j5', { a: text().notNull() }, (t) => [primaryKey(t.a)]);
  });
});
