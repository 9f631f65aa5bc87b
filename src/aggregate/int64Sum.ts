import { OrmError } from '../errors.js';
import { FIELD_DEPTH, valueLimitProblem } from '../limits/valueLimits.js';

/**
 * `total`, the exact sum of a `bigint()` column (`sum(t.big)` of a select, `_sum.big` of
 * `aggregate`/`groupBy`), as a result returns it. Past int64 it is the only value of a result that
 * can be one Convex cannot return (Postgres's sum of int8 is a numeric): `RESULT_TOO_LARGE`, as
 * returning it would fail the function with Convex's untyped "does not fit into a 64-bit signed integer".
 */
export function returnableInt64Sum(total: bigint, name: string, table: string): bigint {
  if (valueLimitProblem(total, FIELD_DEPTH) === null) return total;
  throw new OrmError(
    'RESULT_TOO_LARGE',
    `${name} is ${total}, past the int64 range (-2^63 to 2^63 - 1) of a Convex value: a function cannot return it. Sum fewer rows (a narrower where, a finer groupBy), or average them.`,
    { table },
  );
}
