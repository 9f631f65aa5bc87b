/**
 * Claim check (no bug expected; no existing test covers these positions). docs/queries.md, Prepared
 * queries: "A value is always an operand, as Drizzle's bound parameters are, never filter syntax".
 * test/convex/placeholderValues.test.ts checks the shorthand `{ email: p }` at the root and in a
 * relation filter; this checks the other positions a placeholder may stand in as a value: a field's
 * `OR` item, a field's `NOT`, an `in` list item, an `eq` operand inside a root `OR` (planned per
 * execution), and a `with` level's where. An operator object or `{ isNotNull: true }` given as the
 * value must be refused (INVALID_FILTER: a text column holds no object), never read as operators
 * that would widen the filter to every row.
 */
import { isOrmError, sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

const p = sql.placeholder;
const queries = {
  fieldOr: orm.query.users.findMany({ columns: { name: true }, where: { email: { OR: [p('e')] } } }).prepare(),
  fieldNot: orm.query.users.findMany({ columns: { name: true }, where: { email: { NOT: p('e') } } }).prepare(),
  inItem: orm.query.users.findMany({ columns: { name: true }, where: { email: { in: [p('e')] } } }).prepare(),
  rootOr: orm.query.users
    .findMany({ columns: { name: true }, where: { OR: [{ email: { eq: p('e') } }, { name: 'nobody' }] } })
    .prepare(),
  withLevel: orm.query.users
    .findMany({ columns: { name: true }, with: { posts: { columns: { title: true }, where: { title: p('e') } } } })
    .prepare(),
};

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return isOrmError(error) ? error.code : String(error);
  }
}

describe('a placeholder value is an operand in every position, never filter syntax', () => {
  it.each([
    ['{ ne }', { ne: 'x' }],
    ['{ isNotNull }', { isNotNull: true }],
  ])('an object %s is refused as a text operand', async (_name, value) => {
    const { t } = await seeded();
    const out = await t.run(async (ctx) => {
      const result: Record<string, unknown> = {};
      for (const [name, q] of Object.entries(queries)) {
        result[name] = await outcome(() => q.execute(ctx, { e: value as never }));
      }
      return result;
    });
    expect(out).toEqual({
      fieldOr: 'INVALID_FILTER',
      fieldNot: 'INVALID_FILTER',
      inItem: 'INVALID_FILTER',
      rootOr: 'INVALID_FILTER',
      withLevel: 'INVALID_FILTER',
    });
  });
});
