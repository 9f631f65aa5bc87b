import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations, defineRules, defineSchema, inArray, isOrmError } from '../../src/index';
import { nodes } from './selfReferencingNodes';

// docs/rules.md: "Foreign-key actions and foreign-key existence checks are not subject to rules, as
// in Postgres". docs/triggers.md: own rows are validated and judged, "the rows foreign-key actions
// reached after (no rule judges them)". When a statement's own row is also reached by an
// onUpdate: 'cascade' of another own row (a self-referencing table), the action's value is merged
// into the own row's patch before the rules stage, and update.check judges the action's value: the
// update fails RULE_VIOLATION. In Postgres the UPDATE's WITH CHECK judges each row as the UPDATE
// makes it (b with parent 'p'), and the RI cascade that then moves b's parent to 'x' runs without
// policies: the statement succeeds.
const schema = defineSchema({ nodes });
const relations = defineRelations({ nodes });
const rules = defineRules(relations, async () => ({
  // The caller may not point a node at 'x' themselves.
  nodes: { read: {}, insert: {}, update: { using: {}, check: { parent: { ne: 'x' } } }, delete: {} },
}));
const orm = createOrm({ relations, rules });

describe('an update whose own row is also reached by its own cascade', () => {
  it("judges that row's update.check on the row as the update makes it, not on the cascade's value", async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      await ctx.db.insert('nodes', { name: 'z', parent: 'z' });
      await ctx.db.insert('nodes', { name: 'p', parent: 'z' });
      await ctx.db.insert('nodes', { name: 'b', parent: 'p' });
    });
    const outcome = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      try {
        await db
          .update(nodes)
          .set((row) => (row.name === 'p' ? { name: 'x' } : { label: 'touched' }))
          .where(inArray(nodes.name, ['p', 'b']));
        return 'NONE';
      } catch (error) {
        return isOrmError(error) ? `${error.code}: ${error.message}` : `NOT_AN_ORM_ERROR: ${String(error)}`;
      }
    });
    expect(outcome).toBe('NONE');
    const rows = await t.run(async (ctx) =>
      (await ctx.db.query('nodes').collect()).map((r) => [r.name, r.parent, r.label ?? null]),
    );
    expect(rows).toEqual([
      ['z', 'z', null],
      ['x', 'z', null],
      ['b', 'x', 'touched'],
    ]);
  });
});
