import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  inArray,
  isOrmError,
  text,
  textEnum,
} from '../../src/index';

// docs/triggers.md (pipeline, step 3): the values foreign-key actions make "(and an own row's patch an
// action merged into) are validated like user input". statement.ts takes the set of "validated" values
// as `hooked.map(writtenValues)` AFTER planForeignKeyActions, but mergePatch replaces the own change's
// `patch` in place (existing.patch = { ...existing.patch, ...fields }), so the merged patch is in the
// set and is never validated. An onUpdate: 'cascade' into a textEnum column (59c74ad: such a cascade
// fails VALIDATION when it reaches another row) writes a value outside the enum when the row it reaches
// is one of the statement's own rows. Before 03328fd the set was taken before the actions merged.
const nodes = convexTable('nodes', {
  name: text().notNull().unique(),
  parent: textEnum(['root', 'a', 'b'])
    .notNull()
    .references((): AnyColumn => nodes.name, { onUpdate: 'cascade' }),
  label: text(),
});
const schema = defineSchema({ nodes });
const relations = defineRelations({ nodes });
const orm = createOrm({ relations });
type Writer = ReturnType<typeof writerOf>;
// A mutation's writer (the first overload of orm.db).
const writerOf = (ctx: never) => orm.db(ctx);

/** Seeds root, 'a' (under root) and `children` of 'a', runs `statement`, and gives its outcome and the rows after. */
async function attempt(children: readonly string[], statement: (db: Writer) => PromiseLike<unknown>) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('nodes', { name: 'root', parent: 'root' });
    await ctx.db.insert('nodes', { name: 'a', parent: 'root' });
    for (const name of children) await ctx.db.insert('nodes', { name, parent: 'a' });
  });
  const outcome = await t.run(async (ctx) => {
    try {
      await statement(writerOf(ctx as never));
      return { code: 'NONE' };
    } catch (error) {
      return isOrmError(error)
        ? { code: error.code, table: error.data?.table }
        : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 200)}` };
    }
  });
  const rows = await t.run(async (ctx) =>
    (await ctx.db.query('nodes').collect()).map((r) => [r.name, r.parent, r.label ?? null]),
  );
  return { outcome, rows };
}

describe("an own row's patch that its statement's own cascade merges a value into", () => {
  it('is validated like the same cascade reaching another row: VALIDATION, nothing written', async () => {
    // 'a' is renamed to 'q' (not an enum member); 'c' (parent 'a') is an own row too, and the
    // cascade merges parent: 'q' into its patch.
    const result = await attempt(['c'], (db) =>
      db
        .update(nodes)
        .set((row: { name: string }) => (row.name === 'a' ? { name: 'q' } : { label: 'touched' }))
        .where(inArray(nodes.name, ['a', 'c'])),
    );
    expect(result).toEqual({
      outcome: { code: 'VALIDATION', table: 'nodes' },
      rows: [
        ['root', 'root', null],
        ['a', 'root', null],
        ['c', 'a', null],
      ],
    });
  });

  it("is validated when the cascade of an upsert's update branch reaches a row the upsert inserts", async () => {
    // The first row conflicts on 'a' and renames it 'q'; the second, inserted with parent 'a', is
    // moved to parent 'q' by the cascade (mergeInsert), a value outside the enum.
    const result = await attempt([], (db) =>
      db
        .insert(nodes)
        .values([
          { name: 'a', parent: 'root' },
          { name: 'd', parent: 'a' },
        ])
        .onConflictDoUpdate({ target: nodes.name, set: { name: 'q' } }),
    );
    expect(result).toEqual({
      outcome: { code: 'VALIDATION', table: 'nodes' },
      rows: [
        ['root', 'root', null],
        ['a', 'root', null],
      ],
    });
  });

  it('control: the same cascade reaching a row the statement does not update fails VALIDATION', async () => {
    const result = await attempt(['c'], (db) =>
      db
        .update(nodes)
        .set({ name: 'q' })
        .where(inArray(nodes.name, ['a'])),
    );
    expect(result.outcome).toEqual({ code: 'VALIDATION', table: 'nodes' });
  });
});
