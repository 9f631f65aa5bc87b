// Claim checks (from a review that found no bug): documented write-value claims no other test covers:
// 1. docs/schema.md "Values compare in Convex's total order ... objects field by field": Convex compares
//    objects as key-sorted [key, value] pairs (convex/src/values/compare.ts; reference §1.4), so
//    `{ a: 1, b: 2 }` and `{ b: 2, a: 1 }` are ONE value. A `json().unique()` column must treat them as
//    one key (as Postgres `jsonb` equality does): in one statement, against a stored row (one row and
//    several rows), and as an upsert conflict. The ORM keys unique values with JSON.stringify, which is
//    key-order sensitive, so this is a real risk worth pinning.
// 2. docs/mutations.md#limits "object ≤ 1,024 fields ... every value" together with "A key given as
//    `undefined` inside an object value ... is no field, as in Convex": an object of 1,024 fields plus
//    an undefined one is a value Convex stores (1,024 fields), so the ORM must not count the undefined
//    key (insert and update alike); 1,025 defined fields is VALIDATION naming table and column.
// 3. docs/mutations.md "$onUpdateFn ... on insert when there is no other default" and Drizzle v1
//    (reference §3.1/3.2): `$defaultFn` runs once per inserted row, `$onUpdateFn` once per update
//    statement (Drizzle builds one SET), and an explicit `null` in `set()` is written, not replaced.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, integer, json, text } from '../../src/index';

let made = 0;
let stamped = 0;
const items = convexTable('items', {
  name: text().notNull().unique(),
  k: json<Record<string, number>>().unique(),
  body: json<unknown>(),
  tag: text().$defaultFn(() => `t${++made}`),
  stamp: integer().$onUpdateFn(() => ++stamped),
});
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const backend = () => convexTest({ schema, modules, transactionLimits: true });
const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: any) => e.code as string,
  );

describe('write values: documented claims', () => {
  it('json().unique(): objects differing only in key order are one key', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const sameStatement = await code(
        db.insert(items).values([
          { name: 'a', k: { a: 1, b: 2 } },
          { name: 'b', k: { b: 2, a: 1 } },
        ]),
      );
      const afterFirst = (await ctx.db.query('items').collect()).length;
      await db.insert(items).values({ name: 'c', k: { x: 1, y: 2 } });
      const oneRow = await code(db.insert(items).values({ name: 'd', k: { y: 2, x: 1 } }));
      const severalRows = await code(
        db.insert(items).values([
          { name: 'e', k: { z: 1 } },
          { name: 'f', k: { y: 2, x: 1 } },
        ]),
      );
      const skipped = await db
        .insert(items)
        .values({ name: 'g', k: { y: 2, x: 1 } })
        .onConflictDoNothing({ target: items.k })
        .returning({ name: items.name });
      const found = await db.query.items.findMany({ where: { k: { eq: { y: 2, x: 1 } } }, columns: { name: true } });
      const names = (await ctx.db.query('items').collect()).map((row) => row.name);
      return { sameStatement, afterFirst, oneRow, severalRows, skipped, found, names };
    });
    expect(out).toEqual({
      sameStatement: 'UNIQUE_VIOLATION',
      afterFirst: 0,
      oneRow: 'UNIQUE_VIOLATION',
      severalRows: 'UNIQUE_VIOLATION',
      skipped: [],
      found: [{ name: 'c' }],
      names: ['c'],
    });
  });

  it('an undefined key does not count toward the 1,024 fields of an object; 1,025 defined ones is VALIDATION', async () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      const withUndefined = { ...fields(1024), extra: undefined };
      const insert = await code(db.insert(items).values({ name: 'a', body: withUndefined }));
      const update = await code(db.update(items).set({ body: withUndefined }).where(eq(items.name, 'a')));
      const stored = await ctx.db.query('items').first();
      let over: unknown;
      try {
        await db.insert(items).values({ name: 'b', body: fields(1025) });
      } catch (e: any) {
        over = { code: e.code, table: e.table, column: e.details?.column };
      }
      return { insert, update, storedFields: Object.keys(stored!.body as object).length, over };
    });
    expect(out).toEqual({
      insert: 'ok',
      update: 'ok',
      storedFields: 1024,
      over: { code: 'VALIDATION', table: 'items', column: 'body' },
    });
  });

  it('$defaultFn once per inserted row, $onUpdateFn once per update statement, explicit null kept', async () => {
    const out = await backend().run(async (ctx) => {
      const db = orm.db(ctx);
      made = 0;
      stamped = 0;
      const inserted = await db
        .insert(items)
        .values([{ name: 'a' }, { name: 'b', tag: undefined }, { name: 'c', tag: null }])
        .returning({ name: items.name, tag: items.tag, stamp: items.stamp });
      stamped = 100;
      const updated = await db
        .update(items)
        .set({ body: 1, stamp: undefined })
        .where({ name: { in: ['a', 'b'] } })
        .returning({ name: items.name, stamp: items.stamp });
      const nulled = await db
        .update(items)
        .set({ stamp: null })
        .where(eq(items.name, 'c'))
        .returning({ stamp: items.stamp });
      return { made, inserted, updated, nulled };
    });
    expect(out.made).toBe(2);
    expect(out.inserted).toEqual([
      { name: 'a', tag: 't1', stamp: 1 },
      { name: 'b', tag: 't2', stamp: 2 },
      { name: 'c', tag: null, stamp: 3 },
    ]);
    expect(out.updated).toEqual([
      { name: 'a', stamp: 101 },
      { name: 'b', stamp: 101 },
    ]);
    expect(out.nulled).toEqual([{ stamp: null }]);
  });
});
