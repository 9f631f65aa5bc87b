import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  id,
  index,
  type TriggersConfig,
  text,
} from '../../src/index';

const parents = convexTable('parents', { name: text().notNull() });
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
const audits = convexTable(
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

function backend(config: TriggersConfig<typeof relations>) {
  const t = convexTest({ schema, modules });
  const orm = createOrm({ relations, triggers: defineTriggers(relations, config) });
  const run = <R>(fn: (db: any, ctx: any) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx) as any, ctx));
  return { run };
}

const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: { data?: { code?: string } }) => e?.data?.code ?? `untyped: ${String(e)}`,
  );

async function seed(run: ReturnType<typeof backend>['run']) {
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

const dangling = (run: ReturnType<typeof backend>['run']) =>
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

// The check compared the rows the hooks wrote, as they were written, with the removed keys: a row
// the hook wrote onto a removed key and then took off it again (deleted, or moved back) references
// nothing gone when the statement writes, yet the statement was refused. The check now reads the
// rows the hooks wrote as they stand, by id.
describe('a row the hook wrote onto a removed key, then took off it again', () => {
  it('inserted then deleted in the same hook: the statement goes through', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          const [tmp] = await ctx.db.insert(children).values({ parentId: old.parentId, title: 'tmp' }).returning();
          await ctx.db.delete(children).where(eq(children._id, tmp._id));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'resolved', left: [] });
  });

  it('moved onto the removed key then back (ORM updates): the statement goes through', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          const [row] = await ctx.db.select().from(children).where(eq(children.title, 'other'));
          await ctx.db.update(children).set({ parentId: old.parentId }).where(eq(children._id, row._id));
          await ctx.db.update(children).set({ parentId: row.parentId }).where(eq(children._id, row._id));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'resolved', left: [] });
  });
});
