// Found by review (read limits, while checking reads that can match nothing): db.$count(table, filter)
// whose filter held an empty inArray / notInArray (alone, under and(), under not()) rejected with
// INVALID_QUERY "$count of "posts" filters on undefined, but a $count run on its own filters the table
// it counts ... select it as a field of a select from undefined". The filter names only the counted
// table; the constant the empty list folds to (docs/queries.md: "`in: []` is FALSE, `notIn: []` TRUE,
// through AND/OR/NOT"; docs/select.md: "an empty `inArray` is FALSE, as in Drizzle") has no table, and
// the "filters another table" check (src/select/parse.ts, onlyTableOf(node) === undefined kept as a
// post-join filter) takes it for one. Drizzle v1 on Postgres: db.$count(posts, inArray(posts.title, []))
// is SELECT count(*) ... WHERE false = 0; notInArray(..., []) is WHERE true = every row. The same
// filters work in db.select().from(posts).where(...) and in an embedded $count (or(...) works too).
// Now the counts, as Drizzle gives them: a condition reading no table is the base read's.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  inArray,
  not,
  notInArray,
  text,
} from '../../src/index';

const posts = convexTable('posts', { title: text().notNull() });
const schema = defineSchema({ posts });
const orm = createOrm({ relations: defineRelations({ posts }) });

it('$count with an empty inArray / notInArray counts as Drizzle does', async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('posts', { title: 'x' });
    await ctx.db.insert('posts', { title: 'y' });
  });
  const counts = await t.run(async (ctx) => {
    const db = orm.db(ctx) as any;
    const run = async (filter: unknown) => {
      try {
        return await db.$count(posts, filter);
      } catch (e: any) {
        return `${e.code}: ${e.message.slice(0, 60)}`;
      }
    };
    return {
      inEmpty: await run(inArray(posts.title, [])),
      notInEmpty: await run(notInArray(posts.title, [])),
      andInEmpty: await run(and(eq(posts.title, 'x'), inArray(posts.title, []))),
      notOfInEmpty: await run(not(inArray(posts.title, []))),
    };
  });
  expect(counts).toEqual({ inEmpty: 0, notInEmpty: 2, andInEmpty: 0, notOfInEmpty: 2 });
});
