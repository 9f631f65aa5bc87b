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

// A raw INSERT holding a removed key was refused, but a raw PATCH or REPLACE that moved an existing,
// unplanned row onto the same key was not recorded (only raw inserts were), so the statement went on
// and left the row referencing the deleted parent. Every raw write of a reached row's hook is now
// recorded by id, and the row read as it stands is checked.
describe("a reached row's before-hook moving an unplanned row onto a removed key through ctx.raw", () => {
  it('raw insert holding the removed key: refused (control)', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.insert('children', { parentId: old.parentId, title: 'late' });
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw patch moving the other parent’s child under the parent being deleted: refused, nothing dangling', async () => {
    let otherId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.patch(otherId, { parentId: old.parentId });
        },
      },
    });
    const { p, other } = await seed(run);
    otherId = other;
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw replace moving the other parent’s child under the parent being deleted: refused, nothing dangling', async () => {
    let otherId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.replace(otherId, { parentId: old.parentId, title: 'moved' });
        },
      },
    });
    const { p, other } = await seed(run);
    otherId = other;
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw patch pointing an audit row at the reached child: refused as the ORM insert of it is', async () => {
    let auditId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ id: childId, old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.patch(auditId, { childId });
        },
      },
    });
    const { p } = await seed(run);
    auditId = await run((_db, ctx) => ctx.db.insert('audits', { msg: 'spare' }));
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});
