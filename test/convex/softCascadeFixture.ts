import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineRelations, defineSchema, deletion, id, index, text, timestamp } from '../../src/index';

/**
 * Parents and children that soft-delete, the children cascading softly from their parent; the
 * children's index on (parent, deletedAt) in that order, or with the deletion column first.
 */
export function softCascadeTables(order: 'key first' | 'deletion first') {
  const parents = convexTable('parents', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
    deletion('soft', { column: t.deletedAt }),
  ]);
  const children = convexTable(
    'children',
    {
      pId: id('parents')
        .notNull()
        .references(() => parents._id, { onDelete: 'cascade' }),
      title: text().notNull(),
      deletedAt: timestamp(),
    },
    (t) => [
      order === 'key first' ? index('by_p').on(t.pId, t.deletedAt) : index('by_deleted_p').on(t.deletedAt, t.pId),
      deletion('soft', { column: t.deletedAt }),
    ],
  );
  const tables = { parents, children };
  const relations = defineRelations(tables, (r) => ({
    parents: { children: r.many.children() },
    children: { parent: r.one.parents({ from: r.children.pId, to: r.parents._id }) },
  }));
  return { parents, schema: defineSchema(tables), relations };
}

/** A backend with `n` live parents, one live child each: its deletion column null, or absent (a row written before the column existed). */
export async function softCascadeBackend(
  schema: ReturnType<typeof softCascadeTables>['schema'],
  n: number,
  childDeletedAt: 'null' | 'absent',
) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < n; i++) {
      const pId = await ctx.db.insert('parents', { name: `p${i}`, deletedAt: null });
      await ctx.db.insert('children', {
        pId,
        title: `c${i}`,
        ...(childDeletedAt === 'null' ? { deletedAt: null } : {}),
      });
    }
  });
  return t;
}
