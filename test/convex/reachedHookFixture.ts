import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  id,
  index,
  type TriggersConfig,
  text,
} from '../../src/index';

// The schema of the reached-hook tests: parents <- children (cascade) <- audits (set null).
export const parents = convexTable('parents', { name: text().notNull() });
export const children = convexTable(
  'children',
  {
    parentId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    title: text().notNull(),
  },
  (t) => [index('by_parent').on(t.parentId)],
);
export const audits = convexTable(
  'audits',
  {
    childId: id('children').references(() => children._id, { onDelete: 'set null' }),
    msg: text().notNull(),
  },
  (t) => [index('by_child').on(t.childId)],
);
const tables = { parents, children, audits };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  parents: { children: r.many.children() },
  children: { parent: r.one.parents({ from: r.children.parentId, to: r.parents._id }), audits: r.many.audits() },
  audits: { child: r.one.children({ from: r.audits.childId, to: r.children._id }) },
}));

/** A backend whose ORM runs `config`'s triggers; `run` runs a function with the ORM db and the ctx. */
export function backend(config: TriggersConfig<typeof relations>) {
  const t = convexTest({ schema, modules });
  const orm = createOrm({ relations, triggers: defineTriggers(relations, config) });
  const run = <R>(fn: (db: any, ctx: any) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx) as any, ctx));
  return { run };
}

/** What a statement did: 'resolved', or the code it rejected with. */
export const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: { data?: { code?: string } }) => e?.data?.code ?? `untyped: ${String(e)}`,
  );

/** Parents p and q, with child c1 of p and child other of q. */
export async function seed(run: ReturnType<typeof backend>['run']) {
  return run(async (db) => {
    const [p, q] = await db
      .insert(parents)
      .values([{ name: 'p' }, { name: 'q' }])
      .returning();
    const [c1, other] = await db
      .insert(children)
      .values([
        { parentId: p._id, title: 'c1' },
        { parentId: q._id, title: 'other' },
      ])
      .returning();
    return { p: p._id, q: q._id, c1: c1._id, other: other._id };
  });
}

/** Children whose parent is gone, and audits whose child is gone. */
export const dangling = (run: ReturnType<typeof backend>['run']) =>
  run(async (_db, ctx) => {
    const out: string[] = [];
    for (const row of await ctx.db.query('children').collect()) {
      if ((await ctx.db.get(row.parentId)) === null) out.push(`child ${row.title}`);
    }
    for (const row of await ctx.db.query('audits').collect()) {
      if (row.childId != null && (await ctx.db.get(row.childId)) === null) out.push(`audit ${row.msg}`);
    }
    return out;
  });
