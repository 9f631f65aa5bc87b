/**
 * An index or constraint given no column (from plain JavaScript, or a spread of an empty array:
 * the types ask for at least one) is refused when the table is defined, `INVALID_SCHEMA` naming it
 * and saying it lists no column, as `primaryKey({ columns: [] })` is: Convex refuses an index of no
 * field at deploy (`EmptyIndex`), a `uniqueIndex` of none would be a unique constraint over zero
 * columns, and `unique().on()` / `foreignKey({ columns: [] })` were refused with a message about an
 * index name the user never wrote ("_unique" / "_fk"). Postgres refuses `UNIQUE ()` too.
 */
import { describe, expect, it } from 'vitest';
import { convexTable, defineSchema, foreignKey, index, isOrmError, text, unique, uniqueIndex } from '../../src/index';

function definitionError(define: () => unknown): { code: string; message: string } {
  try {
    const table = define();
    defineSchema({ table: table as never });
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an OrmError');
}

const noColumns: [] = [];

describe('an index or constraint over no column is refused, naming it', () => {
  it('index(name).on() with no column', () => {
    const error = definitionError(() =>
      convexTable('emptyIndex', { a: text() }, () => [(index('by_nothing') as any).on(...noColumns)]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('by_nothing');
  });

  it('uniqueIndex(name).on() with no column', () => {
    const error = definitionError(() =>
      convexTable('emptyUniqueIndex', { a: text() }, () => [(uniqueIndex('key') as any).on(...noColumns)]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toContain('"key"');
  });

  it('unique(name).on() with no column names the constraint, not an invented index', () => {
    const error = definitionError(() =>
      convexTable('emptyUnique', { a: text() }, () => [(unique('u') as any).on(...noColumns)]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).not.toContain('_unique');
    expect(error.message).toMatch(/no column/);
  });

  it('foreignKey with no column names the foreign key, not an invented index', () => {
    const error = definitionError(() =>
      convexTable('emptyFk', { a: text() }, () => [
        foreignKey({ columns: noColumns as any, foreignColumns: noColumns as any }),
      ]),
    );
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).not.toContain('"_fk"');
    expect(error.message).toMatch(/no column/);
  });
});
