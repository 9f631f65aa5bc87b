import {
  and,
  avg,
  between,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  like,
  max,
  not,
  or,
  startsWith,
  sum,
} from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// An operator or aggregate given input it refuses (a value the column cannot hold, no column) does
// not throw where the query is built: the query or statement given it rejects with the typed error
// when it runs, as a where-object's error does, and writes nothing.

const backend = async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await orm.db(ctx).insert(users).values({ name: 'Ada', email: 'ada@x.dev', age: 36 });
  });
  return t;
};

/** How `build()` fails: `thrown` synchronously, `rejected` with the code, or `resolved`. */
async function outcome(build: () => PromiseLike<unknown>): Promise<string> {
  let query: PromiseLike<unknown>;
  try {
    query = build();
  } catch {
    return 'thrown';
  }
  try {
    await query;
    return 'resolved';
  } catch (error) {
    return `rejected ${(error as { code?: string }).code}`;
  }
}

const anyUsers = users as any;

describe('operators given bad input: the statement rejects, nothing thrown, nothing written', () => {
  it.each([
    ['eq with a value the column cannot hold', () => eq(users.age, 'x' as never), 'INVALID_FILTER'],
    ['eq of a misspelled column', () => eq(anyUsers.agee, 1), 'INVALID_FILTER'],
    ['inArray with an undefined element', () => inArray(users.age, [1, undefined as never]), 'INVALID_FILTER'],
    ['like on a column without strings', () => like(users.age as never, '1%'), 'INVALID_FILTER'],
    ['startsWith with a number', () => startsWith(users.name, 5 as never), 'INVALID_FILTER'],
    ['isNull of no column', () => isNull(anyUsers.missing), 'INVALID_FILTER'],
    ['the bad one inside and()', () => and(eq(users.name, 'Ada'), gt(users.age, {} as never))!, 'INVALID_FILTER'],
    ['the bad one inside or()', () => or(gt(users.age, {} as never), eq(users.name, 'Ada'))!, 'INVALID_FILTER'],
    ['the bad one under not()', () => not(eq(users.age, 'x' as never)), 'INVALID_FILTER'],
    ['between with a bad bound', () => between(users.age, 1, 'x' as never), 'INVALID_FILTER'],
  ])('%s', async (_, filter, code) => {
    const t = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      expect(await outcome(() => db.update(users).set({ age: 1 }).where(filter()))).toBe(`rejected ${code}`);
      expect(await outcome(() => db.delete(users).where(filter()))).toBe(`rejected ${code}`);
      expect(await outcome(() => db.select().from(users).where(filter()))).toBe(`rejected ${code}`);
      expect(await outcome(() => db.$count(users, filter()))).toBe(`rejected ${code}`);
      expect(await outcome(() => db.select().from(posts).innerJoin(users, filter()))).toBe(`rejected ${code}`);
      const rows = await ctx.db.query('users').collect();
      expect(rows.map(({ name, age }) => ({ name, age }))).toEqual([{ name: 'Ada', age: 36 }]);
    });
  });

  it('the same operators with good input run', async () => {
    const t = await backend();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const filter = and(eq(users.name, 'Ada'), not(gt(users.age, 40)), between(users.age, 30, 40))!;
      expect(await db.select({ name: users.name }).from(users).where(filter)).toEqual([{ name: 'Ada' }]);
    });
  });
});

describe('orderings and aggregates given no column: the select rejects', () => {
  it.each([
    ['desc of a misspelled column', (db: any) => db.select().from(users).orderBy(desc(anyUsers.agee))],
    ['sum of a misspelled column', (db: any) => db.select({ n: sum(anyUsers.agee) }).from(users)],
    [
      'avg of a text column, in orderBy',
      (db: any) =>
        db
          .select()
          .from(users)
          .orderBy(avg(users.name as never)),
    ],
    [
      'max of a misspelled column, in having',
      (db: any) =>
        db
          .select({ role: users.role })
          .from(users)
          .groupBy(users.role)
          .having(gt(max(anyUsers.agee), 0)),
    ],
    [
      'a nested aggregate, in having',
      (db: any) =>
        db
          .select({ role: users.role })
          .from(users)
          .groupBy(users.role)
          .having(gt(sum(count() as never), 0 as never)),
    ],
    [
      'desc of a nested aggregate',
      (db: any) =>
        db
          .select({ role: users.role, n: count() })
          .from(users)
          .groupBy(users.role)
          .orderBy(desc(sum(count() as never))),
    ],
  ])('%s', async (_, build) => {
    const t = await backend();
    await t.run(async (ctx) => {
      expect(await outcome(() => build(orm.db(ctx)))).toBe('rejected INVALID_QUERY');
    });
  });
});
