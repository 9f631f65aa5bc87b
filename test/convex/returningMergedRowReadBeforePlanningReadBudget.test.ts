import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';
import { insertTree, nodeRules, outcomeOf, renamingPReturning, ticketRules } from './cascadeOutOfRead';
import { nodes } from './selfReferencingNodes';

// docs/rules.md ("returning() needs read"): an own row a foreign-key action merged into is judged by `read`
// once the actions are planned. The limits that bound what planning reads are judged while it reads, before
// that: the row cap, and the transaction's read budget. A documented exception, pinned here: with hidden
// tickets on the renamed key (well under the row cap), the same statement fails SCAN_BUDGET_EXCEEDED where
// it fails RULE_VIOLATION (read) without them. (A foreign-key action reaches hidden rows by design, as
// Postgres's referential actions bypass row-level security: any statement whose actions read past a tight
// budget says so, returning() or not.)
const tickets = convexTable('tickets', {
  owner: text().notNull(),
  node: text()
    .notNull()
    .references(() => nodes.name, { onUpdate: 'cascade' }),
  body: text(),
});
const schema = defineSchema({ nodes, tickets });
const relations = defineRelations({ nodes, tickets });
const rules = defineRules(relations, async () => ({ nodes: nodeRules, tickets: ticketRules }));

async function renameReturning(hiddenTickets: number, budget: Record<string, number>) {
  const orm = createOrm({ relations, rules, transactionBudget: budget });
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await insertTree(ctx.db, true);
    for (let i = 0; i < hiddenTickets; i++)
      await ctx.db.insert('tickets', { owner: 'vic', node: 'p', body: 'z'.repeat(200_000) });
  });
  return t.run((ctx) => outcomeOf(() => renamingPReturning(orm.db(ctx as never, { rowCap: 100 }))));
}

describe('update().returning() whose own cascade moves a returned row out of `read`, under a read budget', () => {
  it.each<Record<string, number>>([{ documentsRead: 12 }, { bytesRead: 1_000_000 }])(
    'hidden tickets that take planning past %o fail SCAN_BUDGET_EXCEEDED (the documented exception)',
    async (budget) => {
      expect(await renameReturning(0, budget)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'read' });
      expect(await renameReturning(20, budget)).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
    },
  );
});
