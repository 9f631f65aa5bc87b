import { describe, expect, it } from 'vitest';
import { arrayOf, bigint, convexTable, date, integer, isOrmError, json, timestamp, vector } from '../../src/index';

// A constant `.default(value)` the column cannot hold, in a way the types cannot tell
// (`integer().default(1.5)` is a `number`, a `date()` default a `string`), is INVALID_SCHEMA at
// `convexTable` naming the table, the column and the default, checked as a write would check it:
// not a VALIDATION on every insert omitting the column (about a value the caller never wrote) or
// on an `onDelete: 'set default'` reaching it. A `$defaultFn` / `$onUpdateFn` result the column
// cannot hold is VALIDATION naming the function (test/convex/generatedValueNamesFunction.test.ts).
function definitionError(define: () => unknown): { code: string; message: string } | 'no error' {
  try {
    define();
  } catch (error) {
    if (isOrmError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return 'no error';
}

describe('a constant .default() the column cannot hold is refused when the table is defined', () => {
  const cases: [string, () => unknown][] = [
    ['integer().default(1.5)', () => convexTable('defaults_int', { n: integer().default(1.5) })],
    ["date().default('2024-1-5')", () => convexTable('defaults_date', { n: date().default('2024-1-5') })],
    [
      "timestamp({ mode: 'string' }).default('2024-01-01') (no offset)",
      () => convexTable('defaults_ts', { n: timestamp({ mode: 'string' }).default('2024-01-01') }),
    ],
    ['vector(3).default([1, 2])', () => convexTable('defaults_vec', { n: vector(3).default([1, 2]) })],
    ['arrayOf(integer()).default([1.5])', () => convexTable('defaults_arr', { n: arrayOf(integer()).default([1.5]) })],
    ['bigint().default(2n ** 70n) (past int64)', () => convexTable('defaults_big', { n: bigint().default(2n ** 70n) })],
    [
      'json().default(new Date(0)) (not a Convex value)',
      () => convexTable('defaults_json', { n: json().default(new Date(0)) }),
    ],
  ];
  it.each(cases)('%s', (_label, define) => {
    const error = definitionError(define);
    expect(error).not.toBe('no error');
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA' });
    expect((error as { message: string }).message).toMatch(/"n"|\.n\b/);
    expect((error as { message: string }).message).toMatch(/default/);
  });
});

describe('constant defaults the column holds are accepted', () => {
  it('as a write takes them (a string-mode timestamp as the instant it encodes to)', () => {
    const define = () =>
      convexTable('defaults_ok', {
        n: integer().default(2),
        d: date().default('2024-01-05'),
        ts: timestamp({ mode: 'string' }).default('2024-01-01T00:00:00Z'),
        v: vector(2).default([1, 2]),
        a: arrayOf(integer()).default([1, -0]),
        b: bigint().default(2n ** 62n),
        j: json().default({ a: [1] }),
        none: integer().default(null as never),
      });
    expect(definitionError(define)).toBe('no error');
  });

  it('null in a notNull column is refused, naming the column', () => {
    const error = definitionError(() =>
      convexTable('defaults_null', {
        n: integer()
          .notNull()
          .default(null as never),
      }),
    );
    expect(error).toEqual({
      code: 'INVALID_SCHEMA',
      message: `Column "defaults_null.n" has .default(null), which it cannot hold: got null, and the column is notNull; give a value of the column's type.`,
    });
  });
});
