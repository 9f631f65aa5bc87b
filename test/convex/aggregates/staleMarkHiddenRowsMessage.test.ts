// Under rules, the budget error of a statement whose foreign-key actions reach rows the caller may
// not read (its counts withheld) names what it writes besides rows: here, under a changed aggregate
// index definition, no bucket (no row counts in the old buckets) but the state its first write
// marks stale ("aggregate index state"), as the error of a statement of visible rows does.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { CURSOR_SECRET } from '../cursorSecret';

const labels = convexTable('labels', { owner: text().notNull(), name: text().notNull().unique() });

function version(shards: number) {
  const notes = convexTable(
    'notes',
    {
      owner: text().notNull(),
      words: integer().notNull(),
      label: text()
        .notNull()
        .references(() => labels.name, { onDelete: 'cascade' }),
    },
    (t) => [index('by_label').on(t.label), aggregateIndex('notes_all').all().count().sum(t.words).shards(shards)],
  );
  const relations = defineRelations({ labels, notes });
  const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
    const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
    return {
      labels: { read: {}, insert: mine, update: mine, delete: mine },
      notes: { read: mine, insert: mine, update: mine, delete: mine },
    };
  });
  return {
    schema: defineSchema({ labels, notes }),
    tables: [labels, notes].map(getTableConfig),
    orm: createOrm({ relations, rules, cursorSecret: CURSOR_SECRET, transactionBudget: { documentsWritten: 2 } }),
  };
}

it('a budget error of a cascade into hidden rows that marks a state stale does not claim bucket writes', async () => {
  const original = version(1);
  const changed = version(2);
  const t = convexTest({ schema: original.schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('labels', { owner: 'mal', name: 'shared' });
    await ctx.db.insert('notes', { owner: 'vic', words: 1, label: 'shared' });
    await ctx.db.insert('notes', { owner: 'vic', words: 1, label: 'shared' });
  });
  while ((await t.run((ctx) => backfillNext(ctx.db as never, original.tables, 100))).batch !== null);
  const error = await t.withIdentity({ subject: 'mal' }).run((ctx) =>
    changed.orm
      .db(ctx as never)
      .delete(labels)
      .where({ name: 'shared' })
      .then(
        () => null,
        (e: any) => ({ code: e.code, message: e.message as string }),
      ),
  );
  expect(error?.code).toBe('WRITE_BUDGET_EXCEEDED');
  expect(error?.message).toMatch(/aggregate index state/);
  expect(error?.message).not.toMatch(/bucket/);
});
