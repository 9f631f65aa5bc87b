import { and, arrayContains, arrayOverlaps, eq, inArray, not, notInArray, or } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// An operator given a list that is no array (`inArray(users.name, 'Ada')`, from JS or `any` data),
// or `and`/`or`/`not` given a condition that is no expression (`not(undefined)`, `or(x, null)` from
// a ternary), does not throw where it is called: the statement given it rejects with INVALID_FILTER
// when it runs, as for any operand the operators refuse (deferredOperatorErrors.test.ts).

/** How `build()` fails: `thrown <name>` synchronously, `rejected <code>`, or `resolved`. */
async function outcome(build: () => PromiseLike<unknown>): Promise<string> {
  let query: PromiseLike<unknown>;
  try {
    query = build();
  } catch (error) {
    return `thrown ${(error as Error).name}`;
  }
  try {
    await query;
    return 'resolved';
  } catch (error) {
    return `rejected ${(error as { code?: string }).code}`;
  }
}

const meta = (posts as any).meta;

describe('operators given a list that is no array, or a condition that is no expression', () => {
  it.each([
    ['inArray with a string for the list', () => inArray(users.name, 'Ada' as never)],
    ['inArray with null for the list', () => inArray(users.name, null as never)],
    ['notInArray with a Set for the list', () => notInArray(users.name, new Set(['Ada']) as never)],
    ['not(undefined) (an and() of nothing)', () => not(undefined as never)],
    ["or() given null (a ternary's else)", () => or(eq(users.name, 'Ada'), null as never)!],
    ['and() given a where-object', () => and(eq(users.name, 'Ada'), { name: 'Bob' } as never)!],
  ])('%s: the delete rejects with INVALID_FILTER, nothing thrown, nothing deleted', async (_, filter) => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(users).values({ name: 'Ada', email: 'ada@x.dev', age: 36 });
      expect(await outcome(() => db.delete(users).where(filter() as never))).toBe('rejected INVALID_FILTER');
      expect((await ctx.db.query('users').collect()).length).toBe(1);
    });
  });

  it.each([
    ['arrayContains with null for the list', () => arrayContains(meta, null as never)],
    ['arrayOverlaps with a number for the list', () => arrayOverlaps(meta, 5 as never)],
  ])('%s: the select rejects with INVALID_FILTER, nothing thrown', async (_, filter) => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      expect(await outcome(() => db.select().from(posts).where(filter()))).toBe('rejected INVALID_FILTER');
    });
  });
});
