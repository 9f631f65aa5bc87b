/**
 * In a prepared query, a placeholder where a filter object belongs (the whole root `where`, a root
 * `NOT`, a relation filter, a select's where) is refused saying it stands for a value, as an item
 * of a root `OR` is; not with the message for a query that is not prepared, which would send the
 * user who prepared it in circles. The types refuse these configs too
 * (test/query/placeholderAsFilterObject.test-d.ts).
 */
import { isOrmError, sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { seeded } from './seed';

const P = sql.placeholder;

async function failure(run: (ctx: any) => PromiseLike<unknown>): Promise<{ code: string; message: string }> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      await run(ctx);
    } catch (error) {
      if (isOrmError(error)) return { code: error.code, message: error.message };
      return { code: 'RAW', message: String(error) };
    }
    return { code: 'NONE', message: '' };
  });
}

const cases: [string, () => { execute(ctx: any, values?: any): PromiseLike<unknown> }][] = [
  ['the whole root where', () => (orm.query.users.findMany as any)({ where: P('w') }).prepare('rootWhere')],
  ['a root NOT', () => (orm.query.users.findMany as any)({ where: { NOT: P('w') } }).prepare('rootNot')],
  ['a relation filter', () => (orm.query.posts.findMany as any)({ where: { author: P('w') } }).prepare('relFilter')],
  [
    "a prepared select's whole where",
    () =>
      orm
        .select({ n: users.name })
        .from(users)
        .where(P('w') as any)
        .prepare('sel'),
  ],
  [
    "a prepared select's root NOT",
    () =>
      orm
        .select({ n: users.name })
        .from(users)
        .where({ NOT: P('w') } as any)
        .prepare('selNot'),
  ],
];

describe('a placeholder where a filter belongs, in a prepared query, is refused with a message that fits', () => {
  for (const [name, prepared] of cases) {
    it(name, async () => {
      const got = await failure((ctx) => prepared().execute(ctx, { w: { name: 'Bob' } }));
      expect(got.code).toMatch(/^INVALID_(QUERY|FILTER)$/);
      expect(got.message).toContain("sql.placeholder('w') stands for a value");
    });
  }
});
