import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations, defineRules, defineSchema } from '../../src/index';
import { insertTree, nodeRules, outcomeOf, renamingPReturning, upsertRenamingPReturning } from './cascadeOutOfRead';
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
// The caller cannot read nodes under 'x'.
const rules = defineRules(relations, async () => ({ nodes: nodeRules }));
const orm = createOrm({ relations, rules });

async function seeded(withD: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run((ctx) => insertTree(ctx.db, withD));
  return t;
}

describe("returning() of a row its statement's own cascade moves out of read", () => {
  it('update(): RULE_VIOLATION on read (control)', async () => {
    const t = await seeded(true);
    const outcome = await t.run((ctx) => outcomeOf(() => renamingPReturning(orm.db(ctx as never))));
    expect(outcome).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
  });

  it('the same through onConflictDoUpdate: RULE_VIOLATION on read, not the hidden row given back', async () => {
    const t = await seeded(false);
    // 'p' conflicts and is renamed 'x'; 'd' is inserted with parent 'p', which p's cascade moves to 'x'.
    const outcome = await t.run((ctx) => outcomeOf(() => upsertRenamingPReturning(orm.db(ctx as never))));
    expect(outcome).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
  });
});
