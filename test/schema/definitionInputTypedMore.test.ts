// Schema-definition functions given malformed input (plain JS, `as any`, a refactor that drops the
// brackets) threw a TypeError from inside the ORM instead of a typed OrmError naming what is wrong
// (found by review).
// The standard (review brief; DESIGN.md 2.7; test/schema/definitionInputTyped.test.ts, whose list
// these cases extend): "Bad input gets a typed OrmError with a clear message naming the table,
// column or index"; schema definitions may throw synchronously, but INVALID_SCHEMA, not TypeError.
//   - foreignKey({ columns: t.x, ... }) — one column instead of a list — and
//     foreignKey({ columns: undefined, ... }): "TypeError: columns is not iterable"
//     (fieldNames iterates config.columns; foreignColumns is checked, columns is not).
//   - `.references(fn, { onDelete: Symbol() })`, `foreignKey(...).onDelete(Symbol())` and
//     `vectorIndex(...).on(col).dimensions(Symbol())`: "TypeError: Cannot convert a Symbol value to
//     a string" while building the message (the same class definitionInputTyped fixed elsewhere).
// Expected: each throws OrmError INVALID_SCHEMA naming the table.
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';

const O = orm as any;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

const table = (columns: unknown, extras?: unknown) => O.defineSchema({ fkt: O.convexTable('fkt', columns, extras) });

describe('schema definition: malformed input throws a typed INVALID_SCHEMA naming the table', () => {
  it.each([
    [
      'foreignKey({ columns: t.x }) (one column, not a list)',
      () => table({ x: O.id('users') }, (t: any) => [O.foreignKey({ columns: t.x, foreignColumns: [users._id] })]),
    ],
    [
      'foreignKey({ columns: undefined })',
      () => table({ x: O.id('users') }, () => [O.foreignKey({ columns: undefined, foreignColumns: [users._id] })]),
    ],
    [
      'references(fn, { onDelete: Symbol() })',
      () => table({ x: O.id('users').references(() => users._id, { onDelete: Symbol('cascade') }) }),
    ],
    [
      'foreignKey(...).onDelete(Symbol())',
      () =>
        table({ x: O.id('users') }, (t: any) => [
          O.foreignKey({ columns: [t.x], foreignColumns: [users._id] }).onDelete(Symbol('cascade')),
        ]),
    ],
    [
      'vectorIndex(name).on(col).dimensions(Symbol())',
      () => table({ x: O.vector(3) }, (t: any) => [O.vectorIndex('v').on(t.x).dimensions(Symbol('3'))]),
    ],
  ])('%s', (_name, run) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(orm.OrmError);
    expect(orm.isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    const { table: named, message } = error as orm.OrmError;
    expect(named === 'fkt' || message.includes('fkt')).toBe(true);
  });
});
