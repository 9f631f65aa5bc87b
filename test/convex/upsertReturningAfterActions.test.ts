// Divergence (docs/divergences.md, "A statement's returning() shows its own rows as its foreign-key
// actions leave them"): an upsert whose do-update renames a key (c1 -> c7, onUpdate 'cascade') that
// a row the same statement inserts references (C5 with par 'c1') stores C5 following the rename, as
// Postgres does, and returns it as stored (par 'c7'); Postgres's RETURNING (checked on PGlite with
// this schema and statement) shows C5 as the INSERT wrote it (par 'c1'), its cascade being an AFTER
// trigger run at the end of the statement.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { type AnyColumn, convexTable, createOrm, defineRelations, defineSchema, text } from '../../src/index';

const c: any = convexTable('c', {
  name: text().primaryKey(),
  k: text().unique(),
  par: text().references((): AnyColumn => c.k, { onUpdate: 'cascade' }),
});
const schema = defineSchema({ c });
const orm = createOrm({ relations: defineRelations({ c }) });

it("an upsert's returning() gives an inserted row as the statement's cascade leaves it (Postgres: as inserted)", async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('c', { name: 'C0', k: 'c0', par: null } as never);
    await ctx.db.insert('c', { name: 'C1', k: 'c1', par: 'c0' } as never);
  });
  const out = await t.run(async (ctx) => {
    const returned = await orm
      .db(ctx as never)
      .insert(c)
      .values([
        { name: 'C1', k: 'c1' },
        { name: 'C5', k: 'c5', par: 'c1' },
      ])
      .onConflictDoUpdate({ target: c.name, set: { k: 'c7' } })
      .returning({ name: c.name, k: c.k, par: c.par });
    const stored = (await ctx.db.query('c').collect()).map((r: any) => ({ name: r.name, k: r.k, par: r.par ?? null }));
    return { returned, stored: stored.sort((a, b) => a.name.localeCompare(b.name)) };
  });
  // The table agrees with Postgres already.
  expect(out.stored).toEqual([
    { name: 'C0', k: 'c0', par: null },
    { name: 'C1', k: 'c7', par: 'c0' },
    { name: 'C5', k: 'c5', par: 'c7' },
  ]);
  // As stored; Postgres's RETURNING gives C5 with par 'c1'.
  expect(out.returned).toEqual([
    { name: 'C1', k: 'c7', par: 'c0' },
    { name: 'C5', k: 'c5', par: 'c7' },
  ]);
});
