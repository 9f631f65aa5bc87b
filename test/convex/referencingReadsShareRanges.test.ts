/**
 * A delete whose parents are referenced through several foreign keys (restrict, or cascade) reads
 * their referencing rows per foreign key, each choosing between one lookup per key and one span
 * read against the ranges the transaction has left: the lookups an earlier foreign key leaves to be
 * read one by one count against the later ones, so together they fit. Each choosing against the
 * same ranges left, three foreign keys of 9 parents took 28 of 30 ranges and the delete failed
 * with SCAN_BUDGET_EXCEEDED, where span reads fit in about 13 (Postgres deletes all 9).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, text } from '../../src/index';

const model = (onDelete: 'restrict' | 'cascade') => {
  const parents = convexTable('parents', { name: text().notNull().unique() });
  const kid = (name: string) =>
    convexTable(name, { parentName: text().references(() => parents.name, { onDelete }) }, (t) => [
      index('by_parent').on(t.parentName),
    ]);
  const tables = { parents, a: kid('a'), b: kid('b'), c: kid('c') };
  return {
    parents,
    schema: defineSchema(tables),
    orm: createOrm({ relations: defineRelations(tables) }),
  };
};

it.each(['restrict', 'cascade'] as const)(
  'a delete reaching three %s foreign keys fits the ranges left',
  async (action) => {
    const { parents, schema, orm } = model(action);
    const t = convexTest({
      schema,
      modules,
      transactionLimits: { databaseQueries: 30 },
    });
    await t.run(async (ctx) => {
      for (let i = 0; i < 9; i++) await ctx.db.insert('parents', { name: `p${i}` });
    });
    const out = await t.run(async (ctx) => {
      try {
        const rows = await orm
          .db(ctx as never)
          .delete(parents)
          .all()
          .returning();
        return { ok: rows.length };
      } catch (e: any) {
        return {
          code: e.code ?? String(e),
          message: String(e.message).slice(0, 300),
        };
      }
    });
    expect(out).toEqual({ ok: 9 });
  },
);
