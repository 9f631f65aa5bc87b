import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations, defineRules, defineSchema, inArray, isOrmError } from '../../src/index';
import { nodes } from './selfReferencingNodes';

// docs/rules.md: "each row an insert, update or upsert would return must pass read as it will be written
// (after before-hooks, with its defaults, $defaultFn and $onUpdateFn values, and what its foreign-key
// actions merge into it)". 03328fd moved returning()'s read check after the actions (checkReturnedRows)
// for update() and insert(), but it returns early for an upsert (ownRowsJudged): the upsert judged read
// as it resolved its rows, before its update branch's cascade merged into them. A row update() refuses to
// give back (RULE_VIOLATION: its parent moved to 'x' by the statement's own cascade) is given back by an
// upsert whose update branch makes the same cascade, a row the caller's read rule hides.
const schema = defineSchema({ nodes });
const relations = defineRelations({ nodes });
const rules = defineRules(relations, async () => ({
  // The caller cannot read nodes under 'x'.
  nodes: { read: { parent: { ne: 'x' } }, insert: {}, update: { using: {}, check: {} }, delete: {} },
}));
const orm = createOrm({ relations, rules });

async function seeded(withD: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('nodes', { name: 'root', parent: 'root' });
    await ctx.db.insert('nodes', { name: 'p', parent: 'root' });
    if (withD) await ctx.db.insert('nodes', { name: 'd', parent: 'p' });
  });
  return t;
}

function outcomeOf(error: unknown) {
  return isOrmError(error)
    ? { code: error.code, rule: (error.data?.details as { rule?: string } | undefined)?.rule }
    : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 200)}` };
}

describe("returning() of a row its statement's own cascade moves out of read", () => {
  it('update(): RULE_VIOLATION on read (control)', async () => {
    const t = await seeded(true);
    const outcome = await t.run(async (ctx) => {
      try {
        const rows = await orm
          .db(ctx as never)
          .update(nodes)
          .set((row) => (row.name === 'p' ? { name: 'x' } : { label: 'touched' }))
          .where(inArray(nodes.name, ['p', 'd']))
          .returning();
        return { code: 'NONE', rows: rows.map((r) => [r.name, r.parent]) };
      } catch (error) {
        return outcomeOf(error);
      }
    });
    expect(outcome).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
  });

  it('the same through onConflictDoUpdate: RULE_VIOLATION on read, not the hidden row given back', async () => {
    const t = await seeded(false);
    const outcome = await t.run(async (ctx) => {
      try {
        // 'p' conflicts and is renamed 'x'; 'd' is inserted with parent 'p', which p's cascade moves to 'x'.
        const rows = await orm
          .db(ctx as never)
          .insert(nodes)
          .values([
            { name: 'p', parent: 'root' },
            { name: 'd', parent: 'p' },
          ])
          .onConflictDoUpdate({
            target: nodes.name,
            set: { name: 'x' },
          })
          .returning();
        return { code: 'NONE', rows: rows.map((r) => [r.name, r.parent]) };
      } catch (error) {
        return outcomeOf(error);
      }
    });
    expect(outcome).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
  });
});
