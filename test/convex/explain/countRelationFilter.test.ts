// `db.$count(table, filter)` takes a where-object's relation filter (`{ posts: { score: { gt: 5 } } }`,
// an EXISTS over posts): it type-checks, reads the related rows, and counts as findMany does,
// plain and under rules (Postgres: `SELECT count(*) FROM users WHERE EXISTS (...)`); a condition on
// another table's column is INVALID_QUERY (docs/select.md).
import { expect, it } from 'vitest';
import { eq } from '../../../src/index';
import { plain, posts, ruled, users, world } from './worldFixture';

it('$count with a relation filter counts the parents findMany returns (plain and ruled)', async () => {
  const { t } = await world();
  const out = await t.run(async (ctx) => {
    const where = { posts: { score: { gt: 5 } } };
    const byOrm = async (orm: typeof plain) => ({
      count: await orm.db(ctx).$count(users, where),
      rows: (await orm.db(ctx).query.users.findMany({ where })).length,
    });
    let code = 'none';
    try {
      await plain.db(ctx).$count(users, eq(posts.score, 1) as never);
    } catch (e) {
      code = (e as { code: string }).code;
    }
    return { plain: await byOrm(plain), ruled: await byOrm(ruled as never), code };
  });
  expect(out.plain.count).toBe(out.plain.rows);
  expect(out.ruled.count).toBe(out.ruled.rows);
  expect(out.plain.rows).toBeGreaterThan(out.ruled.rows);
  expect(out.code).toBe('INVALID_QUERY');
});
