// Claim check (review of write limits; no bug found). docs/mutations.md "Limits": each patched
// document is checked "as it will be" before the statement's first write, so a statement that throws
// has written nothing; docs/rules.md / mutations.md: under rules, when a statement's foreign-key
// actions reach rows, "no documentBytes of a reached row". test/convex/cascadeErrorsMeasureHiddenRows
// pins this for a key cascade (onUpdate), limitsDocumentBoundaries for a soft delete without rules;
// nothing pinned the combination: a soft delete whose soft cascade sets the deletion time (null ->
// float64, +8 bytes) on a child the caller cannot read, stored 3 bytes under Convex's 1 MiB. Expected:
// VALIDATION naming "children", details without documentBytes, nothing written (parent still live), and
// a caller who catches it goes on in the same mutation with the write budget unused.

import { getDocumentSize } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';

const MiB = 1 << 20;
const parents = convexTable('parents', { slug: text().notNull().unique(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const children = convexTable(
  'children',
  {
    pSlug: text()
      .notNull()
      .references(() => parents.slug, { onDelete: 'cascade' }),
    pad: text(),
    n: integer(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_p').on(t.pSlug, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { parents, children };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  parents: { children: r.many.children({ from: r.parents.slug, to: r.children.pSlug }) },
  children: { parent: r.one.parents({ from: r.children.pSlug, to: r.parents.slug }) },
}));
const rules = defineRules(relations, () => ({
  parents: { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} },
  children: { read: { n: { lt: 100 } }, insert: {}, update: { using: {}, check: {} }, delete: {} },
}));
const orm = createOrm({ relations, rules });

describe('a soft cascade growing a hidden child past 1 MiB', () => {
  it('is VALIDATION without the size, before any write; caught, the mutation goes on', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      await ctx.db.insert('parents', { slug: 'p', deletedAt: null });
      await ctx.db.insert('children', { pSlug: 'p', pad: 'small', n: 1, deletedAt: null });
      const id = await ctx.db.insert('children', { pSlug: 'p', pad: '', n: 500, deletedAt: null });
      const size = getDocumentSize((await ctx.db.get(id))!);
      await ctx.db.patch(id, { pad: 'x'.repeat(MiB - size - 3) }); // 3 bytes left; the deletion time takes 8
      expect(getDocumentSize((await ctx.db.get(id))!)).toBe(MiB - 3);
    });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      let error: unknown = null;
      try {
        await db.delete(parents).where(eq(parents.slug, 'p'));
      } catch (e: any) {
        error = { code: e.code, table: e.table, details: e.details };
      }
      const written = (await ctx.meta.getTransactionMetrics()).documentsWritten.used;
      await db.insert(parents).values({ slug: 'later' });
      return { error, written };
    });
    expect(out).toEqual({ error: { code: 'VALIDATION', table: 'children', details: { limit: MiB } }, written: 0 });
    const stored = await t.run(async (ctx) => ({
      parents: (await ctx.db.query('parents').collect()).map((r) => [r.slug, r.deletedAt]),
      children: (await ctx.db.query('children').collect()).map((r) => [r.n, r.deletedAt]),
    }));
    expect(stored).toEqual({
      parents: [
        ['p', null],
        ['later', null],
      ],
      children: [
        [1, null],
        [500, null],
      ],
    });
  });
});
