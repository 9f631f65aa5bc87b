// A malformed id, or an id of another table, is an operand no row's id equals; it never throws
// (docs/queries.md, Where). `eq` / `in` match no row, `ne` / `notIn` every row holding an id; a range
// (`lt`, `lte`, `gt`, `gte`) compares it as the string it is, in Convex's order (every id of the
// table sorts below "zzz" and above "0"), as a hand-written range over an id field compares it.
// Postgres refuses such an operand (docs/divergences.md).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users') }, (t) => [
  index('by_author').on(t.authorId),
]);
const tables = { users, posts };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

it('an operand that is no id of the table: equalities match nothing, ranges compare it as a string', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const found = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    await ctx.db.insert('users', { name: 'Bob' });
    const post = await ctx.db.insert('posts', { title: 'p1', authorId: ada });
    await ctx.db.insert('posts', { title: 'p2', authorId: null });
    const db = orm.db(ctx);
    const names = async (where: unknown) =>
      ((await (db.query.users.findMany as any)({ where })) as { name: string }[]).map((u) => u.name);
    const titles = async (where: unknown) =>
      ((await (db.query.posts.findMany as any)({ where })) as { title: string }[]).map((p) => p.title);
    return {
      eq: await names({ _id: 'garbage' }),
      otherTable: await names({ _id: post }),
      in: await names({ _id: { in: ['garbage', post] } }),
      ne: await names({ _id: { ne: 'garbage' } }),
      notIn: await names({ _id: { notIn: ['garbage'] } }),
      below: await names({ _id: { lt: 'zzz' } }),
      above: await names({ _id: { gt: 'zzz' } }),
      columnEq: await titles({ authorId: 'garbage' }),
      columnBelow: await titles({ authorId: { lt: 'zzz' } }),
      columnAbove: await titles({ authorId: { gte: '0' } }),
    };
  });
  expect(found).toEqual({
    eq: [],
    otherTable: [],
    in: [],
    ne: ['Ada', 'Bob'],
    notIn: ['Ada', 'Bob'],
    below: ['Ada', 'Bob'],
    above: [],
    columnEq: [],
    columnBelow: ['p1'],
    columnAbove: ['p1'],
  });
});
