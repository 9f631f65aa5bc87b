import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { groups } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// A transaction's config is an object literal (Drizzle's PgTransactionConfig): an array, a Map or a
// Date has no options as keys, and taken as `{}` would run the transaction read-write, losing a
// Map's ['accessMode', 'read only']; each rejects with INVALID_QUERY before fn runs.

const configs: [string, () => unknown][] = [
  ['an array', () => []],
  ['a Map holding accessMode read only', () => new Map([['accessMode', 'read only']])],
  ['a Date', () => new Date(0)],
];

describe('transaction(fn, config) with a config that is not a plain object', () => {
  it.each(configs)('%s rejects with INVALID_QUERY, fn never runs, nothing is written', async (_name, make) => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      let ran = false;
      const result = await orm
        .db(ctx)
        .transaction(async (tx) => {
          ran = true;
          await tx.insert(groups).values({ name: 'written' });
          return 'resolved';
        }, make() as never)
        .then(
          (value) => value,
          (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
        );
      return {
        ran,
        result,
        groups: await ctx.db
          .query('groups')
          .collect()
          .then((rows) => rows.length),
      };
    });
    expect(outcome).toEqual({
      ran: false,
      result: expect.stringMatching(
        /^INVALID_QUERY: The config of transaction\(fn, config\) takes an object literal; got /,
      ),
      groups: 0,
    });
  });
});
