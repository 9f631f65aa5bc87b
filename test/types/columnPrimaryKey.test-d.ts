import { describe, expectTypeOf, it } from 'vitest';
import { convexTable, text } from '../../src/index';

// A column's .primaryKey() makes it notNull: required on insert, never null on read.
const countries = convexTable('countries', { code: text().primaryKey(), name: text() });

describe('column.primaryKey() types', () => {
  it('reads as non-null and is required on insert', () => {
    expectTypeOf<(typeof countries)['$inferSelect']['code']>().toEqualTypeOf<string>();
    expectTypeOf<(typeof countries)['$inferInsert']>().toEqualTypeOf<{ code: string; name?: string | null }>();
    // @ts-expect-error the primary key column is required
    const missing: (typeof countries)['$inferInsert'] = { name: 'France' };
    void missing;
  });
});
