import type { Auth, GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, eq, type Orm, type OrmReader } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';
import { type Db, items, relations, schema } from './ruleFunctionFixture';

/** The ctx a rule function is given, as these tests use it. */
type RuleCtx = { readonly auth: Auth; readonly db: unknown };

/** The ways a rule function may hand its ctx on to `orm.db`: as given, a spread copy, or rebuilt field by field. */
const handOns: Record<string, (ctx: RuleCtx) => RuleCtx> = {
  'its ctx': (ctx) => ctx,
  'a spread copy': (ctx) => ({ ...ctx }),
  'a ctx rebuilt field by field': (ctx) => ({ db: ctx.db, auth: ctx.auth }),
};

/**
 * How many evaluations of these tests' rule functions are running (nested or
 * concurrent): a recursion that went undetected stops at a few with an error
 * of its own, fast, instead of hanging the run or overflowing the stack.
 */
let evaluating = 0;

/** The viewer is the owner named by the identity, looked up through `lookup` (an ORM `db` made from the rule function's ctx). */
const rulesLookingUpWith = (lookup: (ctx: RuleCtx) => Db) =>
  defineRules(relations, async (ctx: RuleCtx) => {
    if (++evaluating > 4) throw new Error('the rule function ran again inside itself');
    try {
      const name = (await ctx.auth.getUserIdentity())?.subject;
      const me = name ? await lookup(ctx).query.owners.findFirst({ where: { name } }) : null;
      const mine = me ? { ownerId: me._id } : { _id: { in: [] } };
      return { owners: {}, items: { read: mine, insert: mine, update: mine, delete: mine } };
    } finally {
      evaluating--;
    }
  });

/** For each way of handing the ctx on: an ORM whose rule function reads through its bypass, and one that reads with its rules on. */
const orms = Object.entries(handOns).map(([way, handOn]) => {
  // The natural way: the rule function reads through the bypass of the same ORM.
  const orm: Orm<typeof relations, RuleCtx> = createOrm({
    relations,
    rules: rulesLookingUpWith((ctx) => orm.db(handOn(ctx) as never, { rules: false }) as Db),
    cursorSecret: CURSOR_SECRET,
  });
  // A mistake: the rule function reads with rules on, which would run the rule function again.
  const recursive: Orm<typeof relations, RuleCtx> = createOrm({
    relations,
    rules: rulesLookingUpWith((ctx) => recursive.db(handOn(ctx) as never) as Db),
    cursorSecret: CURSOR_SECRET,
  });
  return { way, orm, recursive };
});

/** `promise`, or "HANG" when it has not settled within 3 s. */
const orHang = <T>(promise: PromiseLike<T>) =>
  Promise.race([promise, new Promise<'HANG'>((resolve) => setTimeout(() => resolve('HANG'), 3000))]);

/** A query function's ctx: `ctx.db` without its writes (so the ORM reads as a reader, concurrently). */
function readerCtx(ctx: GenericMutationCtx<any>) {
  const { db } = ctx;
  const reader = {
    get: db.get.bind(db),
    query: db.query.bind(db),
    normalizeId: db.normalizeId.bind(db),
    system: db.system,
  };
  return { auth: ctx.auth, db: reader };
}

async function world() {
  evaluating = 0; // a hang left by a failed test must not count against the next
  const t = convexTest({ schema, modules });
  const mal = await t.run(async (ctx: GenericMutationCtx<any>) => {
    const mal = await ctx.db.insert('owners', { name: 'mal' });
    const vic = await ctx.db.insert('owners', { name: 'vic' });
    await ctx.db.insert('items', { title: 'mine', ownerId: mal });
    await ctx.db.insert('items', { title: 'hidden', ownerId: vic });
    return mal;
  });
  /** Runs `fn` as Mal in a fresh mutation (a fresh `db`: its first operation evaluates the rules). */
  const as = <R>(which: Orm<typeof relations, RuleCtx>, fn: (db: Db) => PromiseLike<R>) =>
    orHang(t.withIdentity({ subject: 'mal' }).run(async (ctx) => await fn(which.db(ctx as never) as Db)));
  /** Runs `fn` as Mal with a reader, as in a Convex query function (no writer: operations run concurrently). */
  const inQuery = <R>(which: Orm<typeof relations, RuleCtx>, fn: (db: OrmReader<typeof relations>) => PromiseLike<R>) =>
    orHang(
      t
        .withIdentity({ subject: 'mal' })
        .run(async (ctx) => await fn(which.db(readerCtx(ctx) as never) as OrmReader<typeof relations>)),
    );
  return { t, mal, as, inQuery };
}

describe.each(orms)('a rule function that reads through the ORM with $way', ({ orm, recursive }) => {
  it('through orm.db(ctx, { rules: false }): the first operation of a mutation, a query or a write, runs (no deadlock)', async () => {
    const { mal, as } = await world();
    expect(await as(orm, (db) => db.query.items.count())).toBe(1);
    expect(await as(orm, (db) => db.query.items.findMany({ columns: { title: true } }))).toEqual([{ title: 'mine' }]);
    expect(
      await as(orm, (db) =>
        db
          .select()
          .from(items)
          .then((rows) => rows.length),
      ),
    ).toBe(1);
    expect(
      await as(orm, (db) =>
        db.update(items).set({ title: 'renamed' }).where(eq(items.ownerId, mal)).returning({ title: items.title }),
      ),
    ).toEqual([{ title: 'renamed' }]);
    // Started together as the first operations: they still run in the order they started (the count sees the insert).
    expect(
      await as(orm, async (db) => {
        const [, count] = await Promise.all([
          db.insert(items).values({ title: 'new', ownerId: mal }),
          db.query.items.count(),
        ]);
        return count;
      }),
    ).toBe(2);
  });

  it('in a query function (a reader) too', async () => {
    const { inQuery } = await world();
    expect(await inQuery(orm, (db) => db.query.items.findMany({ columns: { title: true } }))).toEqual([
      { title: 'mine' },
    ]);
    expect(await inQuery(recursive, (db) => rejection(db.query.items.count()))).toMatchObject({
      code: 'INVALID_QUERY',
    });
  });

  it('through orm.db(ctx) with rules on: a typed error, not endless recursion or a hang', async () => {
    const { mal, as } = await world();
    for (const operation of [
      (db: Db) => db.query.items.count(),
      (db: Db) => db.query.items.findMany(),
      (db: Db) => db.insert(items).values({ title: 'x', ownerId: mal }),
    ]) {
      const error = await as(recursive, (db) => rejection(operation(db)));
      expect(error).toMatchObject({ code: 'INVALID_QUERY' });
      expect((error as { message: string }).message).toContain('orm.db(ctx, { rules: false })');
    }
  });

  it('two orm.db(ctx) of one function are not refused while their rule functions run at the same time', async () => {
    const { t } = await world();
    const countTwice = (ctx: object) =>
      Promise.all([(orm.db(ctx as never) as Db).query.items.count(), (orm.db(ctx as never) as Db).query.items.count()]);
    // In a query function both rule functions run at once (each awaits its lookup); in a mutation one after the other.
    expect(await orHang(t.withIdentity({ subject: 'mal' }).run((ctx) => countTwice(readerCtx(ctx))))).toEqual([1, 1]);
    expect(await orHang(t.withIdentity({ subject: 'mal' }).run((ctx) => countTwice(ctx)))).toEqual([1, 1]);
  });
});
