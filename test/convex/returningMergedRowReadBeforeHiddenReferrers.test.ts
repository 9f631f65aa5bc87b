import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text, textEnum } from '../../src/index';
import {
  insertTree,
  nodeRules,
  outcomeOf,
  renamingPReturning,
  ticketRules,
  upsertRenamingPReturning,
} from './cascadeOutOfRead';
import { nodes } from './selfReferencingNodes';

// docs/rules.md: "a refused statement tells nothing of the rows its actions would reach (a `restrict` on a
// hidden referrer, the row cap, their hooks)". f53290b judges returning()'s `read` before the plan, but an
// own row an action merges into is judged again only after planForeignKeyActions returned and after the
// actions' values were validated (statement.ts, runStages). The plan itself throws FOREIGN_KEY_VIOLATION
// (verifyRestrictions), ROW_CAP_EXCEEDED (referencingRows / the wave loop) and the validation of what it
// made throws VALIDATION (naming the hidden table) first. So an update() whose returned row its own
// cascade moves out of `read` (it is refused whatever the hidden rows) says RULE_VIOLATION (read) when no
// hidden ticket holds the renamed key, and FOREIGN_KEY_VIOLATION / ROW_CAP_EXCEEDED / VALIDATION when
// hidden tickets do: the caller learns of rows it cannot read.
// The caller cannot read nodes under 'x' (nodeRules); tickets of 'vic' are hidden from it (ticketRules).

type Kind = 'restrict' | 'no action' | 'cascade' | 'enum';

function build(kind: Kind) {
  const node =
    kind === 'enum'
      ? textEnum(['root', 'p', 'd'])
          .notNull()
          .references(() => nodes.name, { onUpdate: 'cascade' })
      : text()
          .notNull()
          .references(() => nodes.name, { onUpdate: kind });
  const tickets = convexTable('tickets', { owner: text().notNull(), node });
  const schema = defineSchema({ nodes, tickets });
  const relations = defineRelations({ nodes, tickets });
  const rules = defineRules(relations, async () => ({ nodes: nodeRules, tickets: ticketRules }));
  return { schema, orm: createOrm({ relations, rules }) };
}

async function renameReturning(kind: Kind, hiddenTickets: number, rowCap = 100) {
  const { schema, orm } = build(kind);
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await insertTree(ctx.db, true);
    for (let i = 0; i < hiddenTickets; i++) await ctx.db.insert('tickets', { owner: 'vic', node: 'p' });
  });
  // Returned, 'd' fails `read` whatever the tickets.
  return t.run((ctx) => outcomeOf(() => renamingPReturning(orm.db(ctx as never, { rowCap }))));
}

describe('update().returning() whose own cascade moves a returned row out of `read`, with hidden tickets on the key', () => {
  it("tickets onUpdate 'restrict': RULE_VIOLATION (read) whether or not a hidden ticket holds the key", async () => {
    const without = await renameReturning('restrict', 0);
    const withTicket = await renameReturning('restrict', 1);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTicket).toEqual(without);
  });

  it("tickets onUpdate 'no action': RULE_VIOLATION (read) whether or not a hidden ticket holds the key", async () => {
    const without = await renameReturning('no action', 0);
    const withTicket = await renameReturning('no action', 1);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTicket).toEqual(without);
  });

  it("tickets onUpdate 'cascade': RULE_VIOLATION (read) whatever the number of hidden tickets under the row cap", async () => {
    const without = await renameReturning('cascade', 0, 10);
    const withTickets = await renameReturning('cascade', 5, 10);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTickets).toEqual(without);
  });

  it('the documented exception: hidden tickets past the row cap stop the planning first (ROW_CAP_EXCEEDED)', async () => {
    // The row cap bounds what planning the actions reads, so it is judged while they are planned, before the
    // rows they merge into can be judged by read (docs/rules.md, "returning() needs read").
    expect(await renameReturning('cascade', 5, 4)).toMatchObject({ code: 'ROW_CAP_EXCEEDED' });
  });

  it("tickets.node a textEnum without 'x' (onUpdate 'cascade'): RULE_VIOLATION (read), not VALIDATION of a hidden ticket", async () => {
    const without = await renameReturning('enum', 0);
    const withTicket = await renameReturning('enum', 1);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTicket).toEqual(without);
  });
});

describe('the same through onConflictDoUpdate().returning()', () => {
  async function upsertReturning(hiddenTickets: number) {
    const { schema, orm } = build('restrict');
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      await insertTree(ctx.db, false);
      for (let i = 0; i < hiddenTickets; i++) await ctx.db.insert('tickets', { owner: 'vic', node: 'p' });
    });
    return t.run((ctx) => outcomeOf(() => upsertRenamingPReturning(orm.db(ctx as never))));
  }

  it("tickets onUpdate 'restrict': RULE_VIOLATION (read) whether or not a hidden ticket holds the key", async () => {
    const without = await upsertReturning(0);
    const withTicket = await upsertReturning(1);
    expect(without).toEqual({ code: 'RULE_VIOLATION', rule: 'read' });
    expect(withTicket).toEqual(without);
  });
});
