import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, isOrmError, text } from '../../src/index';

// A column primary key (a natural key, Drizzle's `code: text().primaryKey()`) is enforced as a
// unique constraint named <table>_pkey, which upserts target as any.
const countries = convexTable('countries', { code: text().primaryKey(), name: text().notNull() });
const schema = defineSchema({ countries });
const orm = createOrm({ relations: defineRelations({ countries }) });

describe('a column primary key', () => {
  it('refuses a duplicate key (UNIQUE_VIOLATION naming <table>_pkey) and is an upsert target', async () => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(countries).values({ code: 'FR', name: 'France' });
      const duplicate = await db
        .insert(countries)
        .values({ code: 'FR', name: 'Francia' })
        .then(
          () => 'inserted',
          (error: unknown) => (isOrmError(error) ? `${error.code} ${error.message}` : String(error)),
        );
      await db
        .insert(countries)
        .values({ code: 'FR', name: 'République française' })
        .onConflictDoUpdate({ target: countries.code, set: { name: 'République française' } });
      return { duplicate, rows: await db.query.countries.findMany({ columns: { code: true, name: true } }) };
    });
    expect(outcome.duplicate).toMatch(/^UNIQUE_VIOLATION .*countries_pkey/);
    expect(outcome.rows).toEqual([{ code: 'FR', name: 'République française' }]);
  });
});
