// A `$defaultFn` or `$onUpdateFn` whose result its column cannot hold (a fraction for an
// `integer()`, known only when it runs) fails the insert or update with a VALIDATION that says the
// value came from the column's function, not one about a written value the caller never wrote.
// (A constant `.default()` is checked when the table is defined: test/schema/constantDefaultCheckedAtDefinition.test.ts.)
import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, isOrmError, text } from '../../src/index';

const counters = convexTable('gv_counters', {
  label: text().notNull(),
  n: integer().$defaultFn(() => 0.5),
  m: integer().$onUpdateFn(() => 1.5),
});
const relations = defineRelations({ counters });
const orm = createOrm({ relations });

const writer = (ctx: GenericMutationCtx<any>) => orm.db(ctx);

async function outcome(run: (db: ReturnType<typeof writer>) => Promise<unknown>): Promise<string> {
  const t = convexTest(defineSchema({ counters }), modules);
  await t.run((ctx) => ctx.db.insert('gv_counters', { label: 'a', n: 1, m: 1 }));
  return t.run(async (ctx) => {
    try {
      await run(writer(ctx));
      return 'no error';
    } catch (error) {
      return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
    }
  });
}

describe('a generated value its column cannot hold', () => {
  it("an insert's $defaultFn result is VALIDATION naming the function", async () => {
    const result = await outcome((db) => db.insert(counters).values({ label: 'b', m: 2 }));
    expect(result).toBe(
      `VALIDATION: Invalid value for "gv_counters.n" from the column's $defaultFn(): expected an integer, got 0.5; make the function return a value of the column's type.`,
    );
  });

  it("an update's $onUpdateFn result is VALIDATION naming the function", async () => {
    const result = await outcome((db) => db.update(counters).set({ label: 'c' }).where({ label: 'a' }));
    expect(result).toMatch(
      /^VALIDATION: Invalid value for "gv_counters\.m" from the column's \$onUpdateFn\(\): expected an integer, got 1\.5/,
    );
  });
});
