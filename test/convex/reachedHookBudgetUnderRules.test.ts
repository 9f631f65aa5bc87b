/**
 * Under rules, a cascade onto rows the caller cannot read that passes the write budget is refused
 * before the reached rows' before-hooks run, and that refusal states no figure measured from the
 * hidden rows (docs/rules.md: budget errors under rules show no usage): two hidden rows of
 * different sizes give the same error, and the hook never ran.
 */
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  index,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

const labels = convexTable('labels', { owner: text().notNull(), name: text().notNull().unique() });
const notes = convexTable(
  'notes',
  {
    owner: text().notNull(),
    body: text().notNull(),
    label: text()
      .notNull()
      .references(() => labels.name, { onUpdate: 'cascade', onDelete: 'cascade' }),
  },
  (t) => [index('by_owner').on(t.owner), index('by_label').on(t.label)],
);
const schema = defineSchema({ labels, notes });
const relations = defineRelations({ labels, notes });

async function malRenames(bodyLength: number) {
  let hookRan = 0;
  const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
    const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
    return {
      labels: { read: {}, insert: mine, update: mine, delete: mine },
      notes: { read: mine, insert: mine, update: mine, delete: mine },
    };
  });
  const triggers = defineTriggers(relations, {
    notes: {
      beforeUpdate: () => {
        hookRan++;
      },
    },
  });
  const orm = createOrm({
    relations,
    rules,
    triggers,
    cursorSecret: CURSOR_SECRET,
    transactionBudget: { bytesWritten: 500_000 },
  });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('labels', { owner: 'mal', name: 'shared' });
    await ctx.db.insert('notes', { owner: 'vic', body: 'x'.repeat(bodyLength), label: 'shared' });
  });
  const error = await t.withIdentity({ subject: 'mal' }).run((ctx) =>
    rejection(
      orm
        .db(ctx as never)
        .update(labels)
        .set({ name: 'b' })
        .where({ name: 'shared' }),
    ),
  );
  return { error, hookRan };
}

it('a cascade onto hidden hooked rows past the budget is refused before their hooks, without their figures', async () => {
  const smaller = await malRenames(600_000);
  const larger = await malRenames(700_000);
  expect(smaller.hookRan).toBe(0);
  expect(smaller.error).toMatchObject({
    code: 'WRITE_BUDGET_EXCEEDED',
    details: { budget: 'bytesWritten', limit: 500_000 },
  });
  expect((smaller.error as { message: string }).message).toContain('(usage not shown under rules;');
  expect(larger).toEqual(smaller);
});
