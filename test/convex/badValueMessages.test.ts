import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, type SelectFields } from '../../src/index';

// Every bad input rejects with a typed OrmError naming it, never with a TypeError thrown while the
// message is built: String() of an object without a prototype (or whose toString throws) throws.
const orm = createOrm({ relations });
const noPrototype = () => Object.create(null) as never;
const throwingToString = () =>
  ({
    toString: () => {
      throw new Error('toString');
    },
  }) as never;

describe('the message of a bad option never throws', () => {
  it('paginate options, query counts and select fields of no string form reject typed, naming the option', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const outcomes = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const ordered = { orderBy: { _creationTime: 'asc' } } as const;
      const attempts: (() => PromiseLike<unknown>)[] = [
        () => db.query.users.paginate({ numItems: 2, cursor: null, endCursor: noPrototype() }, ordered),
        () => db.query.users.paginate({ numItems: 2, cursor: noPrototype() }, ordered),
        () => db.query.users.paginate({ numItems: noPrototype(), cursor: null }, ordered),
        () => db.query.users.paginate({ numItems: 2, cursor: null, maximumRowsRead: throwingToString() }, ordered),
        () => db.query.users.findMany({ limit: noPrototype() }),
        () => db.query.users.findMany({ offset: throwingToString() }),
        () => db.query.users.findMany({ scanBudget: noPrototype() }),
        () => db.select({ odd: noPrototype() } as SelectFields).from(users),
      ];
      const seen: string[] = [];
      for (const attempt of attempts) {
        seen.push(
          await Promise.resolve()
            .then(attempt)
            .then(
              () => 'resolved',
              (error: Error & { code?: string; message: string }) =>
                `${error.name} ${error.code ?? '-'} ${error.message}`,
            ),
        );
      }
      return seen;
    });
    expect(outcomes).toEqual([
      'OrmError INVALID_QUERY paginate on "users": "endCursor" must be a string, null or absent; got an object.',
      'OrmError INVALID_QUERY paginate on "users": "cursor" must be a string or null; got an object.',
      'OrmError INVALID_QUERY paginate on "users": "numItems" must be a non-negative integer; got an object.',
      'OrmError INVALID_QUERY paginate on "users": "maximumRowsRead" must be a positive integer; got an object.',
      'OrmError INVALID_QUERY "limit" on "users" must be a non-negative integer; got an object.',
      'OrmError INVALID_QUERY "offset" on "users" must be a non-negative integer; got an object.',
      'OrmError INVALID_QUERY "scanBudget" on "users" must be a non-negative integer; got an object.',
      'OrmError INVALID_QUERY select({ odd }) takes columns (users.name) or aggregates (count(), sum(posts.views)); got an object. Nested objects and sql`` are not supported.',
    ]);
  });
});
