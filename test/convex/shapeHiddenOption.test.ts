// Found by review: the shape walk (src/query/shapePlans.ts, walkConfig) listed a config's options
// with `for...in` (enumerable keys only), while the config's own parse reads them as properties
// (`input.where`, `input.limit`, as Drizzle does), non-enumerable ones included. A config whose
// `where` or `limit` was a non-enumerable own property walked as the shape `{}`: from its third
// call (or its first, once `findMany({})` ran twice) the `{}` shape's plan served it and the option
// was silently dropped. docs/queries.md ("Unprepared queries share plans by shape"): a shape-served
// call's results are those of the config's own parse; such a config now parses on its own.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

/** `{ where: { email: 'ann@x' } }` with `where` defined as a non-enumerable own property. */
function hiddenWhere(): object {
  const config = {};
  Object.defineProperty(config, 'where', { value: { email: 'ann@x' }, enumerable: false });
  return config;
}

/** `{ limit: 1 }` with `limit` non-enumerable. */
function hiddenLimit(): object {
  const config = {};
  Object.defineProperty(config, 'limit', { value: 1, enumerable: false });
  return config;
}

describe('a config option the shape walk does not enumerate', () => {
  it('is applied on every call, as its own parse applies it (not dropped once the {} shape is served)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      await createOrm({ relations })
        .db(ctx as MutationCtx)
        .insert(users)
        .values([
          { name: 'ann', email: 'ann@x' },
          { name: 'bob', email: 'bob@x' },
        ]);
    });
    const outcome = await t.run(async (ctx) => {
      const names = (rows: { name: string }[]) => rows.map((row) => row.name);
      // The reference: a fresh ORM's first call of each config (its own parse).
      const reference = {
        where: names(
          await createOrm({ relations })
            .db(ctx as MutationCtx)
            .query.users.findMany(hiddenWhere() as never),
        ),
        limit: names(
          await createOrm({ relations })
            .db(ctx as MutationCtx)
            .query.users.findMany(hiddenLimit() as never),
        ),
      };
      const db = createOrm({ relations }).db(ctx as MutationCtx);
      const calls = { where: [] as string[][], limit: [] as string[][] };
      for (let call = 0; call < 4; call++) {
        calls.where.push(names(await db.query.users.findMany(hiddenWhere() as never)));
        calls.limit.push(names(await db.query.users.findMany(hiddenLimit() as never)));
      }
      return { reference, calls };
    });
    expect(outcome.reference).toEqual({ where: ['ann'], limit: ['ann'] });
    expect(outcome.calls.where).toEqual([['ann'], ['ann'], ['ann'], ['ann']]);
    expect(outcome.calls.limit).toEqual([['ann'], ['ann'], ['ann'], ['ann']]);
  });
});
