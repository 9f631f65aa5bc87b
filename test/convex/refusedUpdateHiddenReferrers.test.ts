import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  eq,
  isOrmError,
  text,
  textEnum,
} from '../../src/index';

// A statement the rules refuse tells nothing of the rows its foreign-key actions would reach (docs/rules.md),
// as Postgres judges an UPDATE's policies (WITH CHECK, and RETURNING's SELECT policy) in ExecUpdate, before its
// foreign-key triggers run. The caller (Mal) may update statuses but not make the one refused here; every
// ticket is Vic's, hidden from Mal. The refused update must fail RULE_VIOLATION alike with no ticket and with
// hidden tickets on the key. Observed before (59c74ad, 03328fd, f53290b): FOREIGN_KEY_VIOLATION (restrict),
// ROW_CAP_EXCEEDED (cascade past rowCap), VALIDATION naming "tickets" (a cascade into a textEnum column that
// cannot hold the new name), or a hidden ticket's beforeUpdate error, whenever hidden tickets held the key.
const statuses = convexTable('statuses', { name: text().notNull().unique() });
const ticketRules = { read: { owner: 'mal' }, insert: {}, update: { owner: 'mal' }, delete: { owner: 'mal' } };

/** Which rule refuses the update: `update.check` on the new name, or `read` on the row `returning()` gives back. */
type Refusal = 'update.check' | 'returning read';
/** How the tickets reference the status name. */
type Reference = 'restrict' | 'cascade' | 'cascade into an enum';

function build(reference: Reference, refusal: Refusal, hiddenTicketHook: boolean) {
  const onUpdate = reference === 'restrict' ? 'restrict' : 'cascade';
  const status = reference === 'cascade into an enum' ? textEnum(['open', 'closed']) : text();
  const tickets = convexTable('tickets', {
    owner: text().notNull(),
    status: status.notNull().references(() => statuses.name, { onUpdate }),
  });
  const schema = defineSchema({ statuses, tickets });
  const relations = defineRelations({ statuses, tickets });
  const statusRules =
    refusal === 'update.check'
      ? { read: {}, insert: {}, update: { using: {}, check: { name: { ne: 'refused' } } }, delete: {} }
      : { read: { name: { ne: 'refused' } }, insert: {}, update: { using: {}, check: {} }, delete: {} };
  const rules = defineRules(relations, async () => ({ statuses: statusRules, tickets: ticketRules }) as never);
  const triggers = hiddenTicketHook
    ? defineTriggers(relations, {
        tickets: {
          beforeUpdate: async ({ old }) => {
            throw new Error(`hidden ticket of ${old.owner} reached`);
          },
        },
      })
    : undefined;
  return { schema, orm: createOrm({ relations, rules, ...(triggers ? { triggers } : {}) }) };
}

async function renameOpen(
  reference: Reference,
  refusal: Refusal,
  hiddenTickets: number,
  options: { rowCap?: number; hiddenTicketHook?: boolean } = {},
) {
  const { schema, orm } = build(reference, refusal, options.hiddenTicketHook ?? false);
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('statuses', { name: 'open' });
    for (let i = 0; i < hiddenTickets; i++) await ctx.db.insert('tickets', { owner: 'vic', status: 'open' });
  });
  return t.run(async (ctx) => {
    const update = orm
      .db(ctx as never, { rowCap: options.rowCap ?? 100 })
      .update(statuses)
      .set({ name: 'refused' })
      .where(eq(statuses.name, 'open'));
    try {
      await (refusal === 'returning read' ? update.returning() : update);
      return { code: 'NONE' };
    } catch (error) {
      return isOrmError(error)
        ? { code: error.code, rule: (error.data?.details as { rule?: string } | undefined)?.rule }
        : { code: `NOT_AN_ORM_ERROR: ${String(error).slice(0, 200)}` };
    }
  });
}

const refusals: [Refusal, string][] = [
  ['update.check', 'update.check'],
  ['returning read', 'read'],
];

describe.each(refusals)('an update refused by %s, whose key hidden tickets hold', (refusal, rule) => {
  const refused = { code: 'RULE_VIOLATION', rule };

  it("onUpdate 'restrict': the same refusal whether or not a hidden ticket holds the key", async () => {
    expect(await renameOpen('restrict', refusal, 0)).toEqual(refused);
    expect(await renameOpen('restrict', refusal, 1)).toEqual(refused);
  });

  it("onUpdate 'cascade' with rowCap 3: the same refusal whatever the number of hidden tickets", async () => {
    expect(await renameOpen('cascade', refusal, 0, { rowCap: 3 })).toEqual(refused);
    expect(await renameOpen('cascade', refusal, 5, { rowCap: 3 })).toEqual(refused);
  });

  it('a cascade into a column that cannot hold the new name: the refusal, not VALIDATION of a hidden ticket', async () => {
    expect(await renameOpen('cascade into an enum', refusal, 0)).toEqual(refused);
    expect(await renameOpen('cascade into an enum', refusal, 1)).toEqual(refused);
  });

  it("a hidden ticket's beforeUpdate hook does not run", async () => {
    expect(await renameOpen('cascade', refusal, 1, { hiddenTicketHook: true })).toEqual(refused);
  });
});
