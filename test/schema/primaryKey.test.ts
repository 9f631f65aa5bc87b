import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, id, objectOf, primaryKey, text } from '../../src/index';
import { schemaError } from './schemaError';

// Drizzle's composite primary key: a unique constraint over notNull columns (every row's own key is `_id`).
describe('primaryKey({ columns })', () => {
  it('is a unique constraint named <table>_<columns>_pk (or its name), with its index', () => {
    const memberships = convexTable(
      'memberships',
      { userId: id('users').notNull(), orgId: id('orgs').notNull(), role: text() },
      (t) => [primaryKey({ columns: [t.userId, t.orgId] })],
    );
    const config = getTableConfig(memberships);
    expect(config.uniques).toEqual([
      {
        name: 'memberships_userId_orgId_pk',
        fields: ['userId', 'orgId'],
        nullsNotDistinct: false,
        index: expect.any(String),
      },
    ]);
    expect(config.indexes.map((index) => index.fields)).toContainEqual(['userId', 'orgId']);
    const named = convexTable('tags', { slug: text().notNull() }, (t) => [
      primaryKey({ name: 'tags_key', columns: [t.slug] }),
    ]);
    expect(getTableConfig(named).uniques[0]!.name).toBe('tags_key');
  });

  it("refuses a nullable column, no column, or another table's column (INVALID_SCHEMA)", () => {
    expect(
      schemaError(() =>
        convexTable('m', { a: text().notNull(), b: text() }, (t) => [primaryKey({ columns: [t.a, t.b] })]),
      ),
    ).toEqual({
      code: 'INVALID_SCHEMA',
      message: expect.stringContaining(
        'Primary key (a, b) has the nullable column "b"; a primary key holds no null: make it .notNull().',
      ),
      table: 'm',
    });
    const noColumns = () => [
      // @ts-expect-error a primary key has at least one column
      primaryKey({ columns: [] }),
    ];
    expect(schemaError(() => convexTable('m', { a: text().notNull() }, noColumns)).message).toContain(
      'primaryKey({ columns }) lists no column',
    );
    const other = convexTable('o', { x: text().notNull() });
    expect(
      schemaError(() => convexTable('m', { a: text().notNull() }, () => [primaryKey({ columns: [other.x] })])).message,
    ).toContain('Primary key uses column "o.x", which is not a column of table "m".');
  });
});

// Drizzle's column primary key (a natural key): notNull, and a unique constraint named <table>_pkey.
describe('column.primaryKey()', () => {
  it('makes the column notNull and a unique constraint named <table>_pkey, with its index', () => {
    const countries = convexTable('countries', { code: text().primaryKey(), name: text() });
    const config = getTableConfig(countries);
    expect(config.columns.code!.definition.notNull).toBe(true);
    expect(config.uniques).toEqual([
      { name: 'countries_pkey', fields: ['code'], nullsNotDistinct: false, index: expect.any(String) },
    ]);
    expect(config.indexes.map((index) => index.fields)).toContainEqual(['code']);
  });

  it('refuses a second primary key, a column one or primaryKey({ columns }) (INVALID_SCHEMA)', () => {
    expect(schemaError(() => convexTable('m', { a: text().primaryKey(), b: text().primaryKey() })).message).toContain(
      'Table "m" declares two primary keys, (a) and (b); a table has one',
    );
    expect(
      schemaError(() =>
        convexTable('m', { a: text().primaryKey(), b: text().notNull() }, (t) => [primaryKey({ columns: [t.b] })]),
      ).message,
    ).toContain('Table "m" declares two primary keys, (a) and (b)');
  });

  it('is refused inside arrayOf / objectOf, as .unique() is', () => {
    expect(schemaError(() => objectOf({ code: text().primaryKey() })).message).toContain('.primaryKey()');
  });
});
