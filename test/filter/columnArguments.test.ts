import {
  arrayContains,
  asc,
  avg,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  isOrmError,
  like,
  max,
  min,
  notInArray,
  startsWith,
  sum,
} from 'convex-orm';
import { describe, expect, it } from 'vitest';

// From plain JavaScript or `any` data an operator can get `undefined` or `null` where a column
// goes (a misspelled column name): a typed error naming the operator, not a TypeError from inside.
// The operator does not throw: its expression holds the error, which a query or statement given it
// rejects with when it runs (test/convex/deferredOperatorErrors.test.ts).
const notAColumn = [undefined, null] as never[];

describe('operators and aggregates given something that is not a column', () => {
  it.each([
    ['eq', (c: never) => eq(c, 1 as never)],
    ['gt', (c: never) => gt(c, 1 as never)],
    ['inArray', (c: never) => inArray(c, [1] as never)],
    ['notInArray', (c: never) => notInArray(c, [1] as never)],
    ['isNull', (c: never) => isNull(c)],
    ['isNotNull', (c: never) => isNotNull(c)],
    ['like', (c: never) => like(c, 'a%')],
    ['startsWith', (c: never) => startsWith(c, 'a')],
    ['arrayContains', (c: never) => arrayContains(c, [1] as never)],
  ])('%s: INVALID_FILTER naming the operator', (op, build) => {
    for (const value of notAColumn) {
      const expression = build(value);
      expect(() => expression.node).toThrow(
        expect.objectContaining({ code: 'INVALID_FILTER', message: expect.stringContaining(`${op}() takes a column`) }),
      );
    }
  });

  it.each([
    ['asc', (c: never) => asc(c)],
    ['desc', (c: never) => desc(c)],
  ])('%s: INVALID_QUERY naming it', (op, build) => {
    for (const value of notAColumn) {
      const ordering = build(value);
      expect(() => ordering.column).toThrow(
        expect.objectContaining({ code: 'INVALID_QUERY', message: expect.stringContaining(`${op}() takes a column`) }),
      );
    }
  });

  it.each([
    ['min', (c: never) => min(c)],
    ['max', (c: never) => max(c)],
    ['sum', (c: never) => sum(c)],
    ['avg', (c: never) => avg(c)],
  ])('%s: INVALID_QUERY naming it', (fn, build) => {
    for (const value of notAColumn) {
      const error = build(value).failure;
      expect(isOrmError(error, 'INVALID_QUERY') && (error as Error).message.startsWith(`${fn}() takes a column`)).toBe(
        true,
      );
    }
  });

  it('count() and count(null) count rows; count(undefined) (a misspelled column) is INVALID_QUERY, not count(*)', () => {
    expect(count().name).toBe('count(*)');
    expect(count(null as never).name).toBe('count(*)');
    // @ts-expect-error a type error too (test/types/countUndefinedColumn.test-d.ts)
    expect(count(undefined).failure).toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringMatching(/^count\(\) takes a column/),
    });
  });
});
