import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  number,
  objectOf,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

// Column names such as `valueOf`, `toString` and `constructor` are valid; a stored document is a
// plain object, so `doc[name]` of one that lacks the field (stored before the nullable column
// existed, or by a raw write) is Object.prototype's function, not undefined. Filters, ordering,
// update's matching and the bounded-scan aggregates read such a document's field that way: an
// absent `valueOf` was not null (isNull false, isNotNull and ne true) and sorted after every value.
describe.each(['valueOf', 'toString', 'constructor'])('an absent nullable column named %s', (name) => {
  const notes = convexTable('notes', { title: text().notNull(), n: integer(), [name]: text() }, (t: any) => [
    index('by_n').on(t.n),
  ]);
  const tables = { notes };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  // The document without the field: valid for Convex; convex-test's own validation reads the missing
  // field through the prototype too, so it is off here.
  const run = (read: (db: any) => Promise<unknown>) =>
    convexTest(defineSchema(tables, { schemaValidation: false }), modules).run(async (ctx) => {
      await ctx.db.insert('notes' as never, { title: 'absent', n: 1 } as never);
      await ctx.db.insert('notes' as never, { title: 'held', n: 2, [name]: 'x' } as never);
      return read(orm.db(ctx as any));
    });
  const titles = (where: object, orderBy?: object) =>
    run(async (db) => ((await db.query.notes.findMany({ where, orderBy })) as { title: string }[]).map((r) => r.title));

  it('is null to isNull, isNotNull, eq and ne', async () => {
    expect(await titles({ [name]: { isNull: true } })).toEqual(['absent']);
    expect(await titles({ [name]: { isNotNull: true } })).toEqual(['held']);
    expect(await titles({ [name]: 'x' })).toEqual(['held']);
    expect(await titles({ [name]: { ne: 'x' } })).toEqual([]);
  });

  it('is null beside an index range and under OR', async () => {
    expect(await titles({ n: 1, [name]: { isNull: true } })).toEqual(['absent']);
    expect(await titles({ OR: [{ [name]: { isNull: true } }, { n: 5 }] })).toEqual(['absent']);
  });

  it('sorts first ascending and last descending, as null does', async () => {
    expect(await titles({}, { [name]: 'asc' })).toEqual(['absent', 'held']);
    expect(await titles({}, { [name]: 'desc' })).toEqual(['held', 'absent']);
  });

  it('reads as null in a selected column', async () => {
    expect(await run((db) => db.query.notes.findMany({ columns: { [name]: true } }))).toEqual([
      { [name]: null },
      { [name]: 'x' },
    ]);
  });

  it('matches update and count where it is null', async () => {
    const result = await run(async (db) => {
      await db
        .update(notes)
        .set({ n: 9 })
        .where({ [name]: { isNull: true } });
      return {
        updated: ((await db.query.notes.findMany({ where: { n: 9 } })) as { title: string }[]).map((r) => r.title),
        count: await db.query.notes.count({ where: { [name]: { isNull: true } } }),
      };
    });
    expect(result).toEqual({ updated: ['absent'], count: 1 });
  });

  it('is a null group key of groupBy and no min/max', async () => {
    const result = await run(async (db) => ({
      groups: await db.query.notes.groupBy({ by: [name], _count: true, orderBy: { _count: 'desc' } }),
      extremes: await db.query.notes.aggregate({ _min: { [name]: true }, _max: { [name]: true } }),
    }));
    expect(result).toEqual({
      groups: expect.arrayContaining([
        { [name]: null, _count: 1 },
        { [name]: 'x', _count: 1 },
      ]),
      extremes: { _min: { [name]: 'x' }, _max: { [name]: 'x' } },
    });
  });
});

// Inserts read the row's own fields too: a notNull `valueOf` left out is required (VALIDATION, not
// Convex's own rejection), and an objectOf field named `toString` left out is an absent optional
// field, not Object.prototype.toString failing its validator.
describe('inserting a row without a field named like an Object.prototype member', () => {
  const items = convexTable('items', {
    valueOf: text().notNull(),
    meta: objectOf({ toString: text(), n: integer().notNull() }).notNull(),
  });
  const tables = { items };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  // convex-test's own schema validation reads the nested field through the prototype (Convex's
  // backend does not), so it is off: the ORM's validation is the one under test.
  const insert = (row: object) =>
    convexTest(defineSchema(tables, { schemaValidation: false }), modules).run(async (ctx) => {
      try {
        await orm
          .db(ctx as any)
          .insert(items)
          .values(row as never);
        return (await ctx.db.query('items' as never).collect()).map((doc: any) => ({
          valueOf: doc.valueOf,
          meta: doc.meta,
        }));
      } catch (error) {
        return { code: (error as { code?: string }).code, message: (error as Error).message };
      }
    });

  it('a notNull column left out is required', async () => {
    expect(await insert({ meta: { n: 1 } })).toEqual({
      code: 'VALIDATION',
      message: expect.stringContaining('"items.valueOf" is required'),
    });
  });

  it('a nested nullable field left out is absent', async () => {
    expect(await insert({ valueOf: 'v', meta: { n: 1 } })).toEqual([{ valueOf: 'v', meta: { n: 1 } }]);
  });
});

// An aggregate index's per-column sums are objects keyed by column name: `sums.valueOf ??= ...`
// found Object.prototype.valueOf, so the first write of a bucket summed into a function.
describe('an aggregate index summing a column named valueOf', () => {
  const payments = convexTable('payments', { account: text().notNull(), valueOf: number() }, (t: any) => [
    aggregateIndex('payments_by_account').on(t.account).count().sum(t.valueOf).shards(1),
  ]);
  const tables = { payments };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

  it('serves the sum of the rows written after the backfill', async () => {
    const t = convexTest(defineSchema(tables), modules);
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, [getTableConfig(payments)], 100));
      if (step.batch === null) break;
    }
    await t.run((ctx) =>
      orm
        .db(ctx as any)
        .insert(payments)
        .values([
          { account: 'x', valueOf: 2 },
          { account: 'x', valueOf: 3 },
        ]),
    );
    const total = await t.run((ctx) =>
      // TypeScript finds Object's `valueOf` on `{ account: 'x' }` against the filter's `valueOf` column: cast.
      orm
        .db(ctx as any)
        .query.payments.aggregate({ where: { account: 'x' } as never, _count: true, _sum: { valueOf: true } }),
    );
    expect(total).toEqual({ _count: 2, _sum: { valueOf: 5 } });
  });
});
