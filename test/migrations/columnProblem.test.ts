import { v } from 'convex/values';
import { columnProblem } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { arrayOf, custom, date, id, integer, objectOf, text, textEnum, timestamp, vector } from '../../src/index';
import { columnJson } from '../../src/migrations/columnJson';
import { validatorFromJson } from '../../src/migrations/validatorFromJson';
import { validatorJson } from '../../src/migrations/validatorJson';
import type { ColumnBuilder } from '../../src/schema/column';

// A generated type-change migration holds the new column as JSON (`ColumnJson`) and checks stored
// values with `columnProblem`, the ORM's own rule on write (valueProblem) rebuilt from that JSON:
// its validator through `validatorFromJson`, and what only the ORM checks.
const db = {
  normalizeId: (table: string, value: string) => (value.endsWith(table) ? value : null),
  system: { normalizeId: () => null },
} as never;
const problem = (builder: ColumnBuilder, value: unknown) => columnProblem(db, columnJson(builder.definition), value);

describe('validatorFromJson', () => {
  it.each(
    [
      v.any(),
      v.null(),
      v.float64(),
      v.int64(),
      v.boolean(),
      v.string(),
      v.bytes(),
      v.id('users'),
      v.literal('a'),
      v.literal(5n),
      v.array(v.union(v.null(), v.string())),
      v.object({ a: v.string(), b: v.optional(v.float64()) }),
      v.record(v.string(), v.float64()),
    ].map((validator) => [validator.kind, validator] as const),
  )('builds the validator whose JSON it is: %s', (_kind, validator) => {
    expect(validatorJson(validatorFromJson(validatorJson(validator)))).toEqual(validatorJson(validator));
  });
});

describe('columnProblem: what the ORM refuses on write', () => {
  it.each<[string, ColumnBuilder, unknown]>([
    ['a fraction in integer()', integer(), 1.5],
    ['a date() that is no YYYY-MM-DD date', date(), 'next tuesday'],
    ['a timestamp() fraction', timestamp(), 1.5],
    ['a vector of another length', vector(3), [1, 2]],
    ['a value out of the enum', textEnum(['a', 'b']), 'c'],
    ['an id of another table', id('users'), '1;posts'],
    ['a fraction inside arrayOf(integer())', arrayOf(integer()), [1, 2.5]],
    ['a fraction inside objectOf({ n: integer() })', objectOf({ n: integer() }), { n: 0.5 }],
    ['a value the validator rejects', text(), 5n],
    ['null in a notNull column whose validator admits it', custom(v.union(v.null(), v.string())).notNull(), null],
  ])('%s', (_name, builder, value) => {
    expect(problem(builder, value)).toEqual(expect.any(String));
  });

  it.each<[string, ColumnBuilder, unknown]>([
    ['an integer', integer(), 2],
    ['a date', date(), '2026-03-01'],
    ['a vector of its length', vector(3), [1, 2, 3]],
    ['an id of its table', id('users'), '1;users'],
    ['null in a nullable column', integer(), null],
    ['no value', integer().notNull(), undefined],
  ])('takes %s', (_name, builder, value) => {
    expect(problem(builder, value)).toBeNull();
  });
});
