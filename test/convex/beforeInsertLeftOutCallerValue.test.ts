// Found by review (of f69156d3, today's fix of defaults made twice): a beforeInsert hook's returned
// row that left out a column with a default took that column's value from the row the hook was
// shown, which holds the caller's values too: a default column the caller gave a value for, left
// out by the hook (or returned `undefined`, which counts as not given, as in Drizzle), kept the
// caller's value instead of its default, while a column without a default the hook leaves out is
// null. Only a value the ORM generated for the row (the one the hook was shown) is reused; a left-out
// column the caller gave gets its default (docs/triggers.md). Postgres stores a BEFORE INSERT
// trigger's returned row as it is; nothing of it comes back from the statement's VALUES.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

const posts = convexTable('posts', {
  title: text().notNull(),
  status: text().notNull().default('draft'),
  stamp: text().$onUpdateFn(() => 'stamped'),
});
const tables = { posts };
const relations = defineRelations(tables);

it('a defaulted column the caller gave and the hook leaves out gets its default, not the caller value', async () => {
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      // The hook decides what is inserted: only the title; status and stamp are left to the defaults.
      posts: { beforeInsert: (row) => ({ title: row.title }) },
    }),
  });
  const t = convexTest(defineSchema(tables), modules);
  const doc = await t.run(async (ctx) => {
    const [row] = await orm
      .db(ctx as any)
      .insert(posts)
      .values({ title: 't', status: 'published', stamp: 'forged' })
      .returning();
    return ctx.db.get(row!._id);
  });
  expect(doc).toMatchObject({ title: 't', status: 'draft', stamp: 'stamped' });
});

it('a hook that clears a key with undefined (not given, as in Drizzle) gets the default', async () => {
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      posts: { beforeInsert: (row) => ({ ...row, status: undefined }) },
    }),
  });
  const t = convexTest(defineSchema(tables), modules);
  const doc = await t.run(async (ctx) => {
    await orm
      .db(ctx as any)
      .insert(posts)
      .values([{ title: 'a', status: 'published' }, { title: 'b' }]);
    return (await ctx.db.query('posts').collect()).map((d) => [d.title, d.status]);
  });
  expect(doc).toEqual([
    ['a', 'draft'],
    ['b', 'draft'],
  ]);
});
