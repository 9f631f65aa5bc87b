import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineSchema,
  gt,
  id,
  integer,
  isOrmError,
  primaryKey,
  text,
  unique,
} from '../../src/index';

// Claims today's commits added to docs/: select.md (aggregates in where/ON/groupBy, negative
// limit/offset), mutations.md (transaction config and nesting), schema.md (column primaryKey),
// queries.md (ranges intersected: `{ gte: 5, lt: 2 }` reads nothing).
const countries = convexTable('countries', { code: text().primaryKey(), name: text().notNull(), rank: integer() });
const cities = convexTable('cities', { name: text().notNull(), countryId: id('countries').notNull(), size: integer() });
const relations = defineRelations({ countries, cities });
const schema = defineSchema({ countries, cities });
const orm = createOrm({ relations });

const codeOf = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => 'resolved',
    (error: unknown) => (isOrmError(error) ? error.code : `raw ${String(error)}`),
  );

describe('docs claims changed today', () => {
  it('select.md: aggregates in where / ON / groupBy and a negative limit or offset reject with INVALID_QUERY', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const fr = await db.insert(countries).values({ code: 'FR', name: 'France' }).returning({ id: countries._id });
      await db.insert(cities).values({ name: 'Paris', countryId: fr[0]!.id, size: 3 });
      const anyDb = db as any;
      return {
        where: await codeOf(anyDb.select({ n: count() }).from(cities).where(gt(count(), 1))),
        on: await codeOf(anyDb.select().from(cities).innerJoin(countries, gt(count(), 0))),
        groupBy: await codeOf(anyDb.select({ n: count() }).from(cities).groupBy(count())),
        limit: await codeOf(db.select().from(cities).limit(-1)),
        offset: await codeOf(db.select().from(cities).offset(-1)),
        ok: await db.select({ n: count() }).from(cities).where(gt(cities.size, 1)),
      };
    });
    expect(out).toEqual({
      where: 'INVALID_QUERY',
      on: 'INVALID_QUERY',
      groupBy: 'INVALID_QUERY',
      limit: 'INVALID_QUERY',
      offset: 'INVALID_QUERY',
      ok: [{ n: 1 }],
    });
  });

  it('mutations.md: a non-literal config rejects; nested read write inside read only rejects', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await orm.db(ctx).insert(countries).values({ code: 'FR', name: 'France' });
    });
    const inMutation = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const nestedReadWrite = await codeOf(
        db.transaction(
          async (tx) =>
            (tx as any).transaction(async (inner: any) => inner.insert(countries).values({ code: 'DE', name: 'D' }), {
              accessMode: 'read write',
            }),
          { accessMode: 'read only' },
        ),
      );
      const nestedReadOnly = await codeOf(
        db.transaction(async (tx) =>
          (tx as any).transaction(async (inner: any) => inner.insert(countries).values({ code: 'IT', name: 'I' }), {
            accessMode: 'read only',
          }),
        ),
      );
      return {
        nestedReadWrite,
        nestedReadOnly,
        map: await codeOf(db.transaction(async () => 1, new Map() as any)),
        nul: await codeOf(db.transaction(async () => 1, null as any)),
        str: await codeOf(db.transaction(async () => 1, 'read only' as any)),
        count: (await db.query.countries.findMany()).length,
      };
    });
    expect(inMutation).toEqual({
      nestedReadWrite: 'INVALID_QUERY',
      nestedReadOnly: 'INVALID_QUERY',
      map: 'INVALID_QUERY',
      nul: 'INVALID_QUERY',
      str: 'INVALID_QUERY',
      count: 1,
    });
  });

  it('schema.md: a column primaryKey is notNull and unique <table>_pkey; a second primary key is INVALID_SCHEMA', () => {
    const second = () =>
      convexTable('pairs', { a: text().primaryKey(), b: text().notNull() }, (t) => [
        primaryKey({ columns: [t.a, t.b] }),
      ]);
    const twoColumns = () => convexTable('pairs2', { a: text().primaryKey(), b: text().primaryKey() });
    const codeOfThrow = (f: () => unknown) => {
      try {
        const table = f();
        // Some checks run when the schema is defined.
        defineSchema({ table } as any);
        createOrm({ relations: defineRelations({ table } as any) });
        return 'accepted';
      } catch (error) {
        return isOrmError(error) ? error.code : `raw ${String(error)}`;
      }
    };
    expect(codeOfThrow(second)).toBe('INVALID_SCHEMA');
    expect(codeOfThrow(twoColumns)).toBe('INVALID_SCHEMA');
    // Declared twice (column and table, one name and definition): kept once, no error.
    expect(
      codeOfThrow(() => convexTable('twice', { code: text().primaryKey() }, (t) => [unique('twice_pkey').on(t.code)])),
    ).toBe('accepted');
  });

  it('queries.md: { gte: 5, lt: 2 } reads nothing', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(countries).values([
        { code: 'A', name: 'a', rank: 1 },
        { code: 'B', name: 'b', rank: 3 },
        { code: 'C', name: 'c', rank: 6 },
      ]);
      const q = db.query.countries.findMany({ where: { code: { gte: 'C', lt: 'B' } } });
      const rows = await q;
      const eqRows = await db.query.countries.findMany({ where: { code: { gte: 'B', lte: 'B' } } });
      return { rows: rows.length, eqRows: eqRows.map((r) => r.code), explain: JSON.stringify(q.explain()) };
    });
    expect(out.rows).toBe(0);
    expect(out.eqRows).toEqual(['B']);
  });
});
