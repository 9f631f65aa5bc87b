import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { posts, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { rejection } from './mutationHarness';

describe('orm.db(ctx) and the mutation API', () => {
  it('writes through a writer ctx.db; a reader ctx.db has the query API, and its writes reject (selects and $count read in both)', async () => {
    const t = convexTest(schema, modules);
    const orm = createOrm({ relations });
    const out = await t.run(async (ctx) => {
      const writer = orm.db(ctx as MutationCtx);
      const reader = orm.db({ db: { ...ctx.db, insert: undefined } as never }) as unknown as typeof writer;
      // The methods are the prototype's (one object per `orm.db(ctx)`): `in`, not `Object.keys`.
      const api = ['query', 'select', 'selectDistinct', '$count', 'insert', 'update', 'delete', 'transaction'];
      const refused = await reader
        .insert(users)
        .values({ name: 'Ada', email: 'ada@x' })
        .then(
          () => 'written',
          (error: { code?: string }) => error.code,
        );
      return {
        writer: api.filter((key) => key in writer),
        refused,
        stored: (await ctx.db.query('users').collect()).length,
      };
    });
    expect(out).toEqual({
      writer: ['query', 'select', 'selectDistinct', '$count', 'insert', 'update', 'delete', 'transaction'],
      refused: 'INVALID_QUERY',
      stored: 0,
    });
  });

  it('tx inside db.transaction has the query API too', async () => {
    const t = convexTest(schema, modules);
    const orm = createOrm({ relations });
    const found = await t.run((ctx) =>
      orm.db(ctx as MutationCtx).transaction(async (tx) => {
        await tx.insert(users).values({ name: 'Ada', email: 'ada@x' });
        return tx.query.users.findFirst({ where: { email: 'ada@x' }, columns: { name: true } });
      }),
    );
    expect(found).toEqual({ name: 'Ada' });
  });

  it('createOrm passes strict, scanBudget and rowCap to update/delete/$count', async () => {
    const t = convexTest(schema, modules);
    const codes = await t.run(async (ctx) => {
      const db = createOrm({ relations }).db(ctx as MutationCtx);
      await db.insert(users).values([1, 2, 3].map((i) => ({ name: `U${i}`, email: `u${i}@x` })));
      const strict = createOrm({ relations, strict: true }).db(ctx as MutationCtx);
      const tight = createOrm({ relations, scanBudget: 2 }).db(ctx as MutationCtx);
      const capped = createOrm({ relations, rowCap: 2 }).db(ctx as MutationCtx);
      return [
        (await rejection(strict.delete(users).where({ name: 'U1' }))).code,
        (await rejection(tight.$count(users))).code,
        (await rejection(capped.update(users).set({ verified: true }).all())).code,
        await db.$count(users),
      ];
    });
    expect(codes).toEqual(['FULL_SCAN_FORBIDDEN', 'SCAN_BUDGET_EXCEEDED', 'ROW_CAP_EXCEEDED', 3]);
  });

  it('update/delete where-objects accept relation filters, like queries', async () => {
    const t = convexTest(schema, modules);
    const orm = createOrm({ relations });
    const remaining = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const [ada] = await db
        .insert(users)
        .values([
          { name: 'Ada', email: 'ada@x' },
          { name: 'Bob', email: 'bob@x' },
        ])
        .returning();
      await db.insert(posts).values({ title: 'Hello', authorId: ada!._id });
      await db.delete(users).where({ posts: true });
      return (await db.query.users.findMany({ columns: { name: true } })).map((row) => row.name);
    });
    expect(remaining).toEqual(['Bob']);
  });
});
