import { convexTest } from 'convex-test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// An extra that returns a promise rejects the query with INVALID_QUERY. An `async` extra that
// throws returns a rejected promise the ORM drops: it must not surface as an unhandled rejection (Convex
// and Node report those apart from the query's own error).
const orm = createOrm({ relations });
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('an async extra that throws', () => {
  it('rejects with INVALID_QUERY and leaves no unhandled rejection behind', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'member', verified: false });
      await ctx.db.insert('users', { name: 'Bob', email: 'bob@x', role: 'member', verified: false });
    });
    const code = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      return db.query.users
        .findMany({
          extras: {
            score: async (row: { name: string }) => {
              throw new Error(`no score for ${row.name}`);
            },
          },
        } as never)
        .then(
          () => 'resolved',
          (error: { code?: string }) => error.code,
        );
    });
    expect(code).toBe('INVALID_QUERY');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled.map(String)).toEqual([]);
  });

  it('control: an extra returning { then: 5 } (no function) is a value', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'member', verified: false });
    });
    const rows = await t.run(async (ctx) =>
      orm.db(ctx as MutationCtx).query.users.findMany({
        columns: { name: true },
        // biome-ignore lint/suspicious/noThenProperty: a then field that is no function, on purpose
        extras: { odd: () => ({ then: 5 }) },
      } as never),
    );
    // biome-ignore lint/suspicious/noThenProperty: the value the extra returned
    expect(rows).toEqual([{ name: 'Ada', odd: { then: 5 } }]);
  });
});
