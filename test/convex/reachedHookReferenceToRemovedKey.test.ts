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

// The reached rows' before-hooks run after the statement's foreign-key actions were planned.
// 1. A hook that UPDATES (through its ORM ctx.db) an existing, unplanned row so that it references a
//    row the statement goes on to delete was not refused (only inserts were looked for), and the row
//    was left dangling. Postgres refuses it (the update's FK check runs after the parent's delete).
// 2. A hook of a reached row that inserts an audit row referencing THAT row through a `set null` key:
//    Postgres accepts it (the row still exists when its BEFORE trigger runs; its own delete then sets
//    the audit's key null). The ORM planned every action before these hooks ran, so it refuses it
//    (INVALID_QUERY, docs/divergences.md); the same hook on a row deleted directly (its own hook,
//    which runs before planning) goes through.
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
    await db.insert(children).values([
      { parentId: p._id, title: 'c1' },
      { parentId: q._id, title: 'other' },
    ]);
    return { p: p._id, q: q._id };
  });
}

/** Children whose parent is gone, and audits whose child is gone. */
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

describe("a reached row's before-hook that makes an unplanned row reference a removed key", () => {
  it('an ORM update moving an existing row onto the parent being deleted is refused, not left dangling', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          // Move the other parent's child under the parent this statement is deleting.
          await ctx.db.update(children).set({ parentId: old.parentId }).where(eq(children.title, 'other'));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    const left = await dangling(run);
    // Expected: INVALID_QUERY before the first write (as for an insert), nothing dangling.
    expect({ result, left }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});

describe("a reached row's before-hook auditing its own delete (Postgres accepts it; the ORM refuses)", () => {
  const auditOwnDelete = {
    children: {
      beforeDelete: async ({ id: childId, old }: any, ctx: any) => {
        await ctx.db.insert(audits).values({ childId, msg: `deleting ${old.title}` });
      },
    },
  };

  it('deleting the child directly: the audit row goes through with its key set null (control)', async () => {
    const { run } = backend(auditOwnDelete);
    await seed(run);
    const result = await run((db) => outcome(db.delete(children).where(eq(children.title, 'c1'))));
    const audit: any[] = await run((_db, ctx) => ctx.db.query('audits').collect());
    expect(result).toBe('resolved');
    expect(audit.map((row: any) => [row.msg, row.childId ?? null])).toEqual([['deleting c1', null]]);
  });

  it('deleting its parent (the child reached by the cascade): refused before the first write, nothing dangling', async () => {
    const { run } = backend(auditOwnDelete);
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    // Postgres sets the audit's childId null when the child's delete runs; the ORM, whose actions were
    // planned before the hook ran, refuses rather than leave the audit referencing a deleted child.
    expect(result).toBe('INVALID_QUERY');
    expect(await dangling(run)).toEqual([]);
    expect(await run((_db, ctx) => ctx.db.query('children').collect())).toHaveLength(2);
  });
});
