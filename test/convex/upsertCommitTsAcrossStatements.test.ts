// Claim check (from a review of upserts that found no bug). docs/schema.md: `ctx.db.vars.commitTs` in a unique column makes
// "two rows one mutation writes it to ... collide (they commit with one timestamp)". Pinned only for plain
// inserts and within one statement (test/convex/commitTsColumn.test.ts). For upserts the stored row holding the
// placeholder from an earlier statement of the same mutation is the conflict: do nothing skips the new row, do
// update updates that row, and a do update `set` writing the placeholder into two rows of one statement is
// UNIQUE_VIOLATION with nothing written (Postgres semantics with one equal key value).
import { v } from 'convex/values';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, custom, defineRelations, defineSchema, integer, text, unique } from '../../src/index';

const keyed = convexTable(
  'keyed',
  { name: text().notNull(), ts: custom(v.commitTs()), n: integer().notNull().default(0) },
  (t) => [unique('u_ts').on(t.ts)],
);
const orm = createOrm({ relations: defineRelations({ keyed }, () => ({})) });
const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    (rows) => rows,
    (e: any) => e?.code ?? String(e),
  );

it('an upsert of the placeholder conflicts with the row an earlier statement of the mutation stamped', async () => {
  const t = convexTest({ schema: defineSchema({ keyed }), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const ts = ctx.db.vars.commitTs;
    await db.insert(keyed).values({ name: 'a', ts });
    const skipped = await code(
      db.insert(keyed).values({ name: 'b', ts }).onConflictDoNothing().returning({ name: keyed.name }),
    );
    const updated = await code(
      db
        .insert(keyed)
        .values({ name: 'c', ts })
        .onConflictDoUpdate({ target: keyed.ts, set: { n: 5 } })
        .returning({ name: keyed.name, n: keyed.n }),
    );
    const rows = (await ctx.db.query('keyed').collect()).map((d) => [d.name, d.n]);
    return { skipped, updated, rows };
  });
  expect(out).toEqual({ skipped: [], updated: [{ name: 'a', n: 5 }], rows: [['a', 5]] });
});

it('a do update set of the placeholder into two rows of one statement collides, writing nothing', async () => {
  const t = convexTest({ schema: defineSchema({ keyed }), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    await db.insert(keyed).values([
      { name: 'a', ts: 1n },
      { name: 'b', ts: 2n },
    ]);
    const result = await code(
      db
        .insert(keyed)
        .values([
          { name: 'x', ts: 1n },
          { name: 'y', ts: 2n },
        ])
        .onConflictDoUpdate({ target: keyed.ts, set: { ts: ctx.db.vars.commitTs } }),
    );
    const rows = (await ctx.db.query('keyed').collect()).map((d) => [d.name, String(d.ts)]);
    return { result, rows };
  });
  expect(out).toEqual({
    result: 'UNIQUE_VIOLATION',
    rows: [
      ['a', '1'],
      ['b', '2'],
    ],
  });
});
