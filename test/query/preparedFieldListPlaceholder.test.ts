/**
 * In a prepared query a placeholder stands as an item of a field-level `OR` / `AND` list
 * (`{ name: { OR: [sql.placeholder('a'), 'Eve'] } }`), as anywhere a value goes (docs/queries.md,
 * Prepared queries: "inside OR/AND/NOT and relation filters", at any `with` depth; Drizzle's
 * `or(eq(users.name, sql.placeholder('a')), ...)`): at the root, in a relation filter and in a
 * nested `with` where, it runs as the same query with the literal value. A placeholder where a
 * filter object belongs (an item of a root `OR`) stays refused.
 */
import { sql } from 'convex-orm';
import { expect, it } from 'vitest';
import { bootConvex, orm } from '../differential/fixture/convex.js';

const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();

it('a placeholder item of a field-level OR (root where) is bound to its value', async () => {
  const { t } = await bootConvex();
  const prepared = orm.query.users
    .findMany({ columns: { name: true }, where: { name: { OR: [sql.placeholder('a'), 'Eve'] } } })
    .prepare('orItem');
  const rows = await t.run((ctx) => prepared.execute(ctx, { a: 'Dan' }));
  expect(names(rows)).toEqual(['Dan', 'Eve']);
});

it('a placeholder item of a field-level AND is bound to its value', async () => {
  const { t } = await bootConvex();
  const prepared = orm.query.users
    .findMany({ columns: { name: true }, where: { name: { AND: [sql.placeholder('a'), { like: 'D%' }] } } })
    .prepare('andItem');
  const rows = await t.run((ctx) => prepared.execute(ctx, { a: 'Dan' }));
  expect(names(rows)).toEqual(['Dan']);
});

it('a placeholder item of a field-level OR in a relation filter and a nested with where', async () => {
  const { t } = await bootConvex();
  const prepared = orm.query.users
    .findMany({
      columns: { name: true },
      where: { posts: { title: { OR: [sql.placeholder('title')] } } },
      with: { posts: { columns: { title: true }, where: { title: { OR: [sql.placeholder('title')] } } } },
    })
    .prepare('nestedOrItem');
  const rows = await t.run((ctx) => prepared.execute(ctx, { title: 'Hello drizzle' }));
  expect(rows).toEqual([{ name: 'Dan', posts: [{ title: 'Hello drizzle' }] }]);
});

it('a placeholder where a filter object belongs (an item of a root OR) is refused, naming the placeholder', async () => {
  const { t } = await bootConvex();
  const outcome = await t.run(async (ctx) => {
    try {
      const prepared = orm.query.users
        .findMany({ columns: { name: true }, where: { OR: [sql.placeholder('a') as never] } })
        .prepare('rootOrItem');
      await prepared.execute(ctx, { a: 'Dan' } as never);
      return 'ran';
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
  });
  expect(outcome).toEqual({
    code: 'INVALID_FILTER',
    message: `"OR" takes filters; sql.placeholder('a') stands for a value: put it in a column's condition ({ name: sql.placeholder('a') }).`,
  });
});
