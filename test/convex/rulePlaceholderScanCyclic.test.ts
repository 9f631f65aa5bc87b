/**
 * Found by review of ff500b93 (today's refusal of a rule holding `sql.placeholder`): its scan
 * walked the rule with no depth bound, so a rule comparing a `json()` column with a value that
 * holds itself failed with an untyped `RangeError` before the rule's other checks, which refuse it
 * as INVALID_FILTER (docs/rules.md). The scan is bounded (one walk, collectPlaceholders, with the statements' and prepared configs').
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, json, text } from '../../src/index';

const accounts = convexTable('accounts', { owner: text().notNull(), meta: json<unknown>() });
const schema = defineSchema({ accounts });
const relations = defineRelations({ accounts });

async function outcome(rule: unknown, where?: unknown): Promise<unknown> {
  const orm = createOrm({ relations, rules: defineRules(relations, () => ({ accounts: { read: rule } }) as never) });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('accounts', { owner: 'vic', meta: null });
  });
  return t.run(async (ctx) =>
    orm
      .db(ctx as never)
      .query.accounts.findMany(where === undefined ? {} : { where: where as never })
      .then(
        (rows) => ({ rows: rows.length }),
        (error: any) => ({ name: error?.name, code: error?.code }),
      ),
  );
}

const cyclicObject = () => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};
const cyclicArray = () => {
  const value: unknown[] = [];
  value.push(value);
  return value;
};

for (const [what, make] of [
  ['object', cyclicObject],
  ['array', cyclicArray],
] as const) {
  it(`a rule comparing a json column to a cyclic ${what} is INVALID_FILTER, as the same where in a query is`, async () => {
    // The query path, for reference: a typed refusal.
    expect(await outcome({}, { meta: { eq: make() } })).toEqual({ name: 'OrmError', code: 'INVALID_FILTER' });
    // The rule path (it threw a RangeError from an unbounded walk).
    expect(await outcome({ meta: { eq: make() } })).toEqual({ name: 'OrmError', code: 'INVALID_FILTER' });
  });
}
