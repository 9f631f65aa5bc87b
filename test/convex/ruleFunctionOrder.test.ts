import type { Auth, GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { type Db, items, relations, schema } from './ruleFunctionFixture';

// The docs' example shape: an async rule function (awaits ctx.auth).
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  await ctx.auth.getUserIdentity();
  return { owners: {}, items: {} };
});
const orm = createOrm({ relations, rules });

async function world() {
  const t = convexTest({ schema, modules });
  const mal = await t.run(async (ctx: GenericMutationCtx<any>) => {
    const mal = await ctx.db.insert('owners', { name: 'mal' });
    await ctx.db.insert('items', { title: 'a', ownerId: mal });
    return mal;
  });
  return { t, mal };
}

describe('start order on one ctx.db across dbs (docs/mutations.md: one at a time, in the order awaited)', () => {
  it('a rules db write started before a bypass read of the same ctx: the read sees the write', async () => {
    const { t, mal } = await world();
    const count = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as Db;
      const system = orm.db(ctx as never, { rules: false }) as Db;
      const [, n] = await Promise.all([
        db.insert(items).values({ title: 'b', ownerId: mal }),
        system.query.items.count(),
      ]);
      return n;
    });
    expect(count).toBe(2);
  });

  it('a fresh rules db write started before a read of another (evaluated) rules db: the read sees the write', async () => {
    const { t, mal } = await world();
    const count = await t.run(async (ctx) => {
      const first = orm.db(ctx as never) as Db;
      await first.query.items.count();
      const second = orm.db(ctx as never) as Db;
      const [, n] = await Promise.all([
        second.insert(items).values({ title: 'b', ownerId: mal }),
        first.query.items.count(),
      ]);
      return n;
    });
    expect(count).toBe(2);
  });

  it('the same with raw-order control: a rules db read started after a bypass write sees it (control, should pass)', async () => {
    const { t, mal } = await world();
    const count = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as Db;
      const system = orm.db(ctx as never, { rules: false }) as Db;
      const [, n] = await Promise.all([
        system.insert(items).values({ title: 'b', ownerId: mal }),
        db.query.items.count(),
      ]);
      return n;
    });
    expect(count).toBe(2);
  });

  it('a prepared count (its own rule evaluation) started before a write of an evaluated rules db: it does not see the write', async () => {
    const { t, mal } = await world();
    const countItems = orm.query.items.count().prepare();
    const count = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as Db;
      await db.query.items.count();
      const [n] = await Promise.all([
        countItems.execute(ctx as never),
        db.insert(items).values({ title: 'b', ownerId: mal }),
      ]);
      return n;
    });
    expect(count).toBe(1);
  });
});
