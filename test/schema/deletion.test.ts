import { describe, expect, it } from 'vitest';
import { convexTable, deletion, getTableConfig, integer, isOrmError, text, timestamp } from '../../src/index';

function schemaError(fn: () => unknown): { code: string; message: string; table?: string } {
  try {
    fn();
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message, table: error.table };
    throw error;
  }
  throw new Error('expected an OrmError');
}

describe('deletion()', () => {
  it('resolves the column and mode into the table config', () => {
    const soft = convexTable('a', { deletedAt: timestamp() }, (t) => [deletion('soft', { column: t.deletedAt })]);
    const scheduled = convexTable('b', { gone: integer() }, (t) => [
      deletion('scheduled', { column: t.gone, delayMs: 5000 }),
    ]);
    expect(getTableConfig(soft).deletion).toEqual({ mode: 'soft', column: 'deletedAt', delayMs: 0 });
    expect(getTableConfig(scheduled).deletion).toEqual({ mode: 'scheduled', column: 'gone', delayMs: 5000 });
    expect(getTableConfig(convexTable('c', { x: text() })).deletion).toBeUndefined();
  });

  it('rejects a column that cannot hold a nullable deletion time, another table, a bad delay, or two deletions', () => {
    const other = convexTable('other', { at: timestamp() });
    expect(
      schemaError(() => convexTable('t', { at: timestamp().notNull() }, (t) => [deletion('soft', { column: t.at })])),
    ).toMatchObject({ code: 'INVALID_SCHEMA', table: 't', message: expect.stringContaining('nullable timestamp()') });
    expect(
      schemaError(() => convexTable('t', { at: text() }, (t) => [deletion('soft', { column: t.at })])).message,
    ).toContain('"t.at" must be a nullable timestamp(), number() or integer() column');
    expect(
      schemaError(() => convexTable('t', { at: timestamp() }, () => [deletion('soft', { column: other.at })])).message,
    ).toContain('not a column of table "t"');
    expect(
      schemaError(() =>
        convexTable('t', { at: timestamp() }, (t) => [deletion('scheduled', { column: t.at, delayMs: -1 })]),
      ).message,
    ).toContain('delayMs');
    expect(
      schemaError(() =>
        convexTable('t', { at: timestamp() }, (t) => [
          deletion('soft', { column: t.at }),
          deletion('soft', { column: t.at }),
        ]),
      ).message,
    ).toContain('deletion() twice');
  });
});
