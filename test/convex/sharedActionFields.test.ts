// Claim check (from a review that found no bug): e83ff2aa makes a foreign-key action's fields ONE object shared by
// every referencing row (`cascade` of an update, `set null`), made per row only for `set default`.
// Nothing later may edit it in place: a beforeUpdate hook of the referencing table returning
// values for one row (replacedPatch), a row both an `on update cascade` and a `set null` reach
// (mergePatch) must each leave the other rows' writes as they are.
// Postgres: each referencing row gets the new key (or null); a BEFORE trigger's NEW is its own row's.

import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  foreignKey,
  index,
  text,
  unique,
} from '../../src/index';

const parents = convexTable('parents', { grp: text().notNull(), slug: text().notNull().unique() }, (t) => [
  unique('parents_key').on(t.grp, t.slug),
]);
const children = convexTable(
  'children',
  {
    name: text().notNull(),
    grp: text(),
    slug: text(),
    alt: text(),
    note: text(),
  },
  (t) => [
    index('by_key').on(t.grp, t.slug),
    index('by_alt').on(t.alt),
    foreignKey({ columns: [t.grp, t.slug], foreignColumns: [parents.grp, parents.slug] }).onUpdate('cascade'),
    foreignKey({ columns: [t.alt], foreignColumns: [parents.slug] }).onUpdate('set null'),
  ],
);
const tables = { parents, children };
const relations = defineRelations(tables);
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    children: {
      // For one row only: its own values, never the other rows'.
      beforeUpdate: async ({ new: next }: { new: Record<string, unknown> }) =>
        next.name === 'b' ? { ...next, note: 'hooked' } : undefined,
    },
  } as never),
});

it('one shared action object: every referencing row moves, only its own hook values land on it', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('parents', { grp: 'g', slug: 's' });
    for (const name of ['a', 'b', 'c']) await ctx.db.insert('children', { name, grp: 'g', slug: 's', alt: 's' });
  });
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .update(parents)
      .set({ grp: 'h', slug: 't' })
      .where(eq(parents.slug, 's'));
  });
  const rows = await t.run(async (ctx) =>
    (await ctx.db.query('children').collect())
      .map(({ name, grp, slug, alt, note }) => ({ name, grp, slug, alt, note }))
      .sort((x, y) => (x.name < y.name ? -1 : 1)),
  );
  const moved = { grp: 'h', slug: 't', alt: null };
  expect(rows).toEqual([
    { name: 'a', ...moved, note: undefined },
    { name: 'b', ...moved, note: 'hooked' },
    { name: 'c', ...moved, note: undefined },
  ]);
});
