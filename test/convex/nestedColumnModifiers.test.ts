import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type ColumnBuilder,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  integer,
  isOrmError,
  objectOf,
  text,
} from '../../src/index';

// arrayOf() / objectOf() take column builders for their elements and fields, and keep only their
// validator and notNull: a nested builder's .unique(), .references(), .default(), $defaultFn() and
// $onUpdateFn() are accepted (by the types and by convexTable/defineSchema) and then silently do
// nothing. On convex-test: two rows with address.code 'c' under objectOf({ code: text().unique() })
// were both inserted; address.zip under integer().$defaultFn(() => 7) was stored absent (not 7);
// an address.field id under .references(() => owners._id) naming a deleted owner was inserted.
// A nested timestamp({ mode: 'string' }), whose conversion also applies to a table's own columns
// only, is refused (INVALID_SCHEMA at definition, a type error): these should be refused the same
// way (or applied), never accepted and ignored.

const owners = convexTable('owners', { name: text().notNull() });

/** What defining `field` as an objectOf field, then inserting `rows` (each its `address`), settles to. */
async function outcome(field: ColumnBuilder, rows: readonly Record<string, unknown>[]) {
  let places: ReturnType<typeof define>;
  function define() {
    return convexTable('places', {
      name: text().notNull(),
      address: objectOf({ street: text().notNull(), field }),
    });
  }
  try {
    places = define();
    defineSchema({ owners, places });
  } catch (error) {
    return { definition: isOrmError(error) ? error.code : String(error) };
  }
  const orm = createOrm({ relations: defineRelations({ owners, places }) });
  const t = convexTest({ schema: defineSchema({ owners, places }), modules });
  return t.run(async (ctx) => {
    const db = orm.db(ctx);
    const gone = await ctx.db.insert('owners', { name: 'gone' });
    await ctx.db.delete(gone);
    const results: unknown[] = [];
    for (const address of rows) {
      const value = Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v === 'GONE' ? gone : v]));
      try {
        const [row] = await db
          .insert(places)
          .values({ name: 'p', address: { street: 'Main', ...value } as never })
          .returning();
        results.push(row!.address);
      } catch (error) {
        results.push(isOrmError(error) ? error.code : String(error));
      }
    }
    return { inserted: results };
  });
}

describe('modifiers of a nested column are refused or applied, never ignored', () => {
  it('unique() on an objectOf field: a duplicate is refused (or the schema is)', async () => {
    const out = await outcome(text().unique(), [{ field: 'c' }, { field: 'c' }]);
    expect(out).not.toEqual({
      inserted: [
        { street: 'Main', field: 'c' },
        { street: 'Main', field: 'c' },
      ],
    });
    expect([
      { definition: 'INVALID_SCHEMA' },
      { inserted: [{ street: 'Main', field: 'c' }, 'UNIQUE_VIOLATION'] },
    ]).toContainEqual(out);
  });

  it('$defaultFn() on an objectOf field: the default is written (or the schema is refused)', async () => {
    const out = await outcome(
      integer().$defaultFn(() => 7),
      [{}],
    );
    expect([{ definition: 'INVALID_SCHEMA' }, { inserted: [{ street: 'Main', field: 7 }] }]).toContainEqual(out);
  });

  it('references() on an objectOf field: a dangling id is refused (or the schema is)', async () => {
    const out = await outcome(
      id('owners').references(() => owners._id),
      [{ field: 'GONE' }],
    );
    expect([{ definition: 'INVALID_SCHEMA' }, { inserted: ['FOREIGN_KEY_VIOLATION'] }]).toContainEqual(out);
  });
});
