// @vitest-environment node
/**
 * A comparison of two columns where one stores int64 (`bigint()`) and the other float64
 * (`integer()`), in a join's ON or in WHERE, as Drizzle on Postgres compares them: as numbers
 * (`bigint 5 = integer 5`). convex-orm compares them in Convex's type order, where every int64
 * sorts before every float64: the join matches nothing (its lookup binds the float 5 to an index
 * equality on an int64 field) and `points < courseId` holds for every row, silently. The literal
 * operands of the same comparisons are checked against the column's type (docs/schema.md: "a
 * comparison with a value the column cannot hold would silently match nothing"), a column operand
 * is not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import type { SelectScenario } from './harness/neutral.js';
import { runConvexSelect, runDrizzleSelect } from './harness/selectSides.js';

let drizzleDb: DrizzleDb;
let convex: Awaited<ReturnType<typeof bootConvex>>;

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
}, 30_000);

const scenarios: SelectScenario[] = [
  {
    // Grades 2 and 8 hold points 5n; course offering 9 is course 5 ('Art').
    name: 'innerJoin on a bigint column = an integer column',
    unordered: true,
    run: ({ db, t, op }) =>
      db
        .select({ grade: t.studentGrades.id, offering: t.courseOfferings.id })
        .from(t.studentGrades)
        .innerJoin(t.courseOfferings, op.eq(t.courseOfferings.courseId, t.studentGrades.points)),
  },
  {
    // Only grades 3 (-3 < 1) and 6 (0 < 2) have fewer points than their course id.
    name: 'where a bigint column < an integer column of the same row',
    unordered: true,
    run: ({ db, t, op }) =>
      db
        .select({ grade: t.studentGrades.id })
        .from(t.studentGrades)
        .where(op.lt(t.studentGrades.points, t.studentGrades.courseId)),
  },
];

describe('a bigint column compared with an integer column compares the numbers, as on Postgres', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleSelect(drizzleDb, scenario);
    expect(drizzle.error).toBeUndefined();
    const convexSide = await runConvexSelect(convex, scenario);
    expect(convexSide).toStrictEqual(drizzle);
  });
});
