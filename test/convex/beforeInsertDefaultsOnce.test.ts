// Found by review: a `beforeInsert` hook gets the row with its defaults applied and may return
// the row to insert instead (the insert type, whose defaulted columns are optional). A returned
// row leaving out a `$defaultFn` column had its default made again (replacedInsert ran the
// defaults a second time): the hook was shown `code` 'c1', 'c2' was stored, and the function ran
// twice for one row. A default is made once per row (Drizzle calls `defaultFn()` once per row;
// Postgres evaluates DEFAULT once, before BEFORE INSERT triggers, and stores the row the trigger
// returns): a generated column the returned row leaves out keeps the value the hook was shown.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

let calls = 0;
const tickets = convexTable('tickets', {
  name: text().notNull(),
  code: text()
    .notNull()
    .$defaultFn(() => `c${++calls}`),
});
const tables = { tickets };
const relations = defineRelations(tables);
const shown: string[] = [];
const triggers = defineTriggers(relations, {
  tickets: {
    // Returns the insert type, as documented: the defaulted `code` may be left out.
    beforeInsert: (row) => {
      shown.push(row.code);
      return { name: row.name.trim() };
    },
  },
});
const orm = createOrm({ relations, triggers });

it('a beforeInsert hook returning a row without a $defaultFn column keeps the default it was shown', async () => {
  const t = convexTest(defineSchema(tables), modules);
  calls = 0;
  shown.length = 0;
  const stored = await t.run(async (ctx) => {
    const [row] = await orm
      .db(ctx as any)
      .insert(tickets)
      .values({ name: '  a  ' })
      .returning();
    return { returned: row!.code, doc: (await ctx.db.get(row!._id))!.code, calls };
  });
  expect(shown).toEqual(['c1']);
  // The row stored is the row the hook saw, and its default ran once.
  expect(stored).toEqual({ returned: 'c1', doc: 'c1', calls: 1 });
});

it('what the returned row gives wins, and a column without a default it leaves out is null, as before', async () => {
  const notes = convexTable('notes', {
    title: text().notNull(),
    label: text().default('plain'),
    stamp: text().$onUpdateFn(() => 'stamped'),
    body: text(),
  });
  const noteTables = { notes };
  const noteRelations = defineRelations(noteTables);
  const noteOrm = createOrm({
    relations: noteRelations,
    triggers: defineTriggers(noteRelations, {
      notes: { beforeInsert: (row) => ({ title: row.title, label: null }) },
    }),
  });
  const t = convexTest(defineSchema(noteTables), modules);
  const doc = await t.run(async (ctx) => {
    const [row] = await noteOrm
      .db(ctx as any)
      .insert(notes)
      .values({ title: 't', body: 'given' })
      .returning();
    return row;
  });
  // label: the hook's null; stamp: the $onUpdateFn value the hook was shown; body: left out, no default.
  expect(doc).toMatchObject({ title: 't', label: null, stamp: 'stamped', body: null });
});
