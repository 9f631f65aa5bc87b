/**
 * docs/queries.md "awaiting it twice runs it twice"
 * (Drizzle's QueryPromise), for every kind of lazy operation: relational queries, aggregate
 * queries and their awaited explain(), selects, $count, and statements. Each second await reads
 * again (countReads) or writes again (a second insert of a unique email is a UNIQUE_VIOLATION;
 * a second update's returning sees the first's write).
 */
import { eq, isOrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { countReads } from '../../src/testing/index';

it.each([
  ['findMany', (db: any) => db.query.users.findMany()],
  ['findFirst', (db: any) => db.query.users.findFirst({ where: { name: 'A' } })],
  ['paginate', (db: any) => db.query.users.paginate({ cursor: null, numItems: 5 })],
  ['count', (db: any) => db.query.users.count()],
  ['aggregate', (db: any) => db.query.users.aggregate({ _count: true })],
  ['groupBy', (db: any) => db.query.users.groupBy({ by: ['role'], _count: true })],
  ['select', (db: any) => db.select().from(users)],
  ['$count', (db: any) => db.$count(users)],
])('%s reads again when awaited again', async (_name, build) => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('users', { name: 'A', email: 'a@x', role: 'member', verified: false });
    const counted = countReads(ctx as never);
    const q = build(orm.db(counted.ctx as never));
    const first = await q;
    const once = counted.reads.documents + counted.reads.ranges;
    const second = await q;
    expect(once).toBeGreaterThan(0);
    expect(counted.reads.documents + counted.reads.ranges).toBe(2 * once);
    // A page's continueCursor may differ: only a function's first Convex .paginate() is Convex's own (docs/queries.md:852).
    const rows = (r: any) => (r && typeof r === 'object' && 'page' in r ? { page: r.page, isDone: r.isDone } : r);
    expect(rows(second)).toEqual(rows(first));
  });
});

it('statements write again when awaited again', async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const insert = db.insert(users).values({ name: 'B', email: 'b@x', age: 1 });
    await insert;
    const again = await Promise.resolve(insert).then(
      () => 'resolved',
      (error) => isOrmError(error, 'UNIQUE_VIOLATION'),
    );
    expect(again).toBe(true);
    const bump = db.update(users).set({ name: 'C' }).where(eq(users.email, 'b@x')).returning({ name: users.name });
    expect(await bump).toEqual([{ name: 'C' }]);
    await db.update(users).set({ name: 'D' }).where(eq(users.email, 'b@x'));
    expect(await bump).toEqual([{ name: 'C' }]);
    expect((await db.query.users.findFirst({ where: { email: 'b@x' } }))?.name).toBe('C');
  });
});
