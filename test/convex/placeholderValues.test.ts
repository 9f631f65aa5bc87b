import { isOrmError, sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// In Drizzle a placeholder is a bound parameter (`email = $1`): whatever the value, it is compared
// as a value and never becomes filter syntax. Spliced into the where-object before parsing, an
// object given for `{ email: sql.placeholder('e') }` would be read as an operator map (`{ ne: 'x' }`
// or `{ isNotNull: true }` turning "the user with this email" into "every user"), which a function
// without `args` validators (Convex allows them) would let a caller do.
const p = sql.placeholder;
const byEmail = orm.query.users.findMany({ columns: { name: true }, where: { email: p('e') } }).prepare('byEmail');
const postsByEmail = orm.query.posts
  .findMany({ columns: { title: true }, where: { author: { email: p('e') } } })
  .prepare('postsByEmail');

/** The rows, or the error code when the ORM refuses the value. */
async function outcome(run: () => Promise<unknown[]>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return isOrmError(error) ? error.code : String(error);
  }
}

describe('a placeholder value is a value, never filter syntax', () => {
  it.each([
    ['{ ne }', { ne: 'x' }],
    ['{ isNotNull }', { isNotNull: true }],
  ])(
    'an object %s for an eq placeholder is compared as a value (INVALID_FILTER here), not read as operators',
    async (_name, value) => {
      const { t } = await seeded();
      const out = await t.run(async (ctx) => ({
        root: await outcome(() => byEmail.execute(ctx, { e: value as never })),
        relation: await outcome(() => postsByEmail.execute(ctx, { e: value as never })),
      }));
      // An email column holds no object: the operand check refuses it, as for a literal { eq: {...} }.
      expect(out).toEqual({ root: 'INVALID_FILTER', relation: 'INVALID_FILTER' });
    },
  );

  it('placeholders in operand positions take their values: in lists, like patterns, relation filters', async () => {
    const { t } = await seeded();
    const query = orm.query.users
      .findMany({
        columns: { name: true },
        where: { name: { in: [p('a'), p('b')] }, email: { like: p('pattern') }, posts: { title: { ne: p('title') } } },
      })
      .prepare('operands');
    const rows = await t.run((ctx) =>
      query.execute(ctx, { a: 'Ada', b: 'Bob', pattern: '%@x.dev', title: 'no such title' }),
    );
    expect(rows.map((row) => row.name).sort()).toEqual(['Ada', 'Bob']);
  });
});
