// In `timestamp({ mode: 'string' })` written values and defaults are ISO date-times: a number is
// refused wherever it comes from, as a written one is (stored, it would pass for milliseconds):
// a constant `.default(number)` is INVALID_SCHEMA; a number from `$defaultFn()` / `$onUpdateFn()`
// is VALIDATION naming the column, before any write.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text, timestamp } from '../../src/index';

async function outcome(f: () => unknown) {
  try {
    await f();
    return 'accepted';
  } catch (error) {
    const { code, details } = error as { code?: string; details?: unknown };
    return { code, details };
  }
}

it('a constant .default() number in a string-mode timestamp is INVALID_SCHEMA, as a written number is VALIDATION', async () => {
  const made = await outcome(() =>
    convexTable('a', { at: timestamp({ mode: 'string' }).default(1_700_000_000_000 as never) }),
  );
  expect(made).toMatchObject({ code: 'INVALID_SCHEMA' });
});

it('a number returned by $defaultFn / $onUpdateFn of a string-mode timestamp is VALIDATION, nothing written', async () => {
  const created = convexTable('created', {
    name: text().notNull(),
    at: timestamp({ mode: 'string' }).$defaultFn((() => Date.now()) as never),
  });
  const touched = convexTable('touched', {
    name: text().notNull(),
    at: timestamp({ mode: 'string' }).$onUpdateFn((() => Date.now()) as never),
  });
  const orm = createOrm({ relations: defineRelations({ created, touched }) });
  const t = convexTest({ schema: defineSchema({ created, touched }), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const insert = await outcome(() => db.insert(created).values({ name: 'x' }));
    await ctx.db.insert('touched', { name: 'y', at: 0 });
    const update = await outcome(() => db.update(touched).set({ name: 'z' }).where(eq(touched.name, 'y')));
    return {
      insert,
      update,
      created: (await ctx.db.query('created').collect()).length,
      touched: (await ctx.db.query('touched').collect()).map((row) => row.name),
    };
  });
  expect(out).toEqual({
    insert: { code: 'VALIDATION', details: { column: 'at' } },
    update: { code: 'VALIDATION', details: { column: 'at' } },
    created: 0,
    touched: ['y'],
  });
});
