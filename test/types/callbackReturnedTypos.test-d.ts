import type { GenericDatabaseWriter } from 'convex/server';
import { convexTable, createOrm, defineRelations, defineTriggers, eq, integer, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// Values a callback returns had no excess-key check: update(t).set(fn) and the replacement values of
// beforeInsert / beforeUpdate hooks took a misspelled column beside a valid one, which is VALIDATION at
// run time ('Table "things" has no column "nmu"'). (A typo that is the only key is caught by weak-type
// detection.) Calls are on one line each, so the directive holds wherever the error is reported.

const things = convexTable('things', { name: text().notNull(), num: integer() });
const relations = defineRelations({ things });
const orm = createOrm({ relations });
declare const ctx: { db: GenericDatabaseWriter<any> };
const db = orm.db(ctx);
declare const renamed: { name: string };
declare const misspelled: { num: number; nmu: number };

describe('typos in values a callback returns are type errors', () => {
  it('update(t).set(row => values)', () => {
    const update = db.update(things);
    // @ts-expect-error no column "nmu" (VALIDATION at run time)
    const set = update.set((row) => ({ num: row.num, nmu: 2 }));
    set.where(eq(things.name, 'a'));
    expectTypeOf(db).not.toBeAny();
  });

  it('update(t).set(row => values) with a typo in one of two declared shapes returned', () => {
    const update = db.update(things);
    // @ts-expect-error no column "nmu" (VALIDATION at run time)
    const set = update.set((row) => (row.num === null ? renamed : misspelled));
    set.where(eq(things.name, 'a'));
  });

  it('a beforeInsert replacement row', () => {
    // @ts-expect-error no column "nmae" (VALIDATION at run time)
    defineTriggers(relations, { things: { beforeInsert: (row) => ({ ...row, nmae: 'x' }) } });
  });

  it('beforeUpdate replacement values', () => {
    // @ts-expect-error no column "nmu" (VALIDATION at run time)
    defineTriggers(relations, { things: { beforeUpdate: () => ({ num: 3, nmu: 4 }) } });
  });
});
