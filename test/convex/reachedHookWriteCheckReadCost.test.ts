import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  id,
  index,
  isNotNull,
  text,
} from '../../src/index';

// The check of what reached rows' hooks wrote (a row holding a key the statement removes) read again,
// once any such hook had inserted into a referencing table, one index range per removed key. A hard
// delete of 1,000 parents (one child each) fits the transaction's 4,000 index ranges: 1 (the parents)
// + 1,000 (each key's children) + 2,000 (the writes' by_id ranges); when one child's hook inserted a
// child of an unrelated parent (nothing to refuse), the check added 1,000 more ranges and the statement
// failed with SCAN_BUDGET_EXCEEDED. The written rows' values are recorded while the hooks run and
// compared in memory: the check reads nothing.

const parents = convexTable('parents', { name: text().notNull(), tag: text() });
const children = convexTable(
  'children',
  {
    parentId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    title: text().notNull(),
  },
  (t) => [index('by_parent').on(t.parentId)],
);
const tables = { parents, children };
const relations = defineRelations(tables);
const N = 1000;

function backend(withHook: boolean) {
  const t = convexTest(defineSchema(tables), modules);
  const orm = createOrm({
    relations,
    rowCap: 5000,
    ...(withHook
      ? {
          triggers: defineTriggers(relations, {
            children: {
              beforeDelete: async ({ old }: any, ctx: any) => {
                if (old.title !== 'c0') return;
                const [keep] = await ctx.db.query.parents.findMany({ where: { name: 'keep' } });
                await ctx.db.insert(children).values({ parentId: keep._id, title: 'log' });
              },
            },
          }),
        }
      : {}),
  });
  return { t, orm };
}

async function run(withHook: boolean) {
  const { t, orm } = backend(withHook);
  await t.run(async (ctx) => {
    await ctx.db.insert('parents', { name: 'keep' });
    for (let i = 0; i < N; i++) {
      const p = await ctx.db.insert('parents', { name: `p${i}`, tag: 'x' });
      await ctx.db.insert('children', { parentId: p, title: `c${i}` });
    }
  });
  return t.run(async (ctx) => {
    try {
      await orm.db(ctx).delete(parents).where(isNotNull(parents.tag));
      return 'resolved';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  });
}

describe('the hook-insert check reads within what the statement planned', () => {
  it('without the hook, the hard delete of 1,000 parents fits (control)', async () => {
    expect(await run(false)).toBe('resolved');
  }, 60_000);

  it('a hook inserting a child of an unrelated parent does not push the statement past the index ranges', async () => {
    expect(await run(true)).toBe('resolved');
  }, 60_000);
});
