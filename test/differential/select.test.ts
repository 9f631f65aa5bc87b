// @vitest-environment node
/**
 * Differential select tests: every scenario of `scenarios/select/` runs
 * Drizzle's core query builder (`db.select()`, joins, groupBy) on PGlite and
 * convex-orm's on convex-test, both seeded alike; the normalized results (or
 * the fact that both throw, with matching messages) must agree. convex-orm
 * runs twice: while the aggregate indexes are building (groups are read
 * from the rows) and once they are backfilled (groupBy and $count that an
 * index answers are served from it).
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { DrizzleDb } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';
import { convexSelectReads, runConvexSelect, runDrizzleSelect } from './harness/selectSides.js';
import { expectSameOutcome } from './knownFailures.js';
import { selectScenarios } from './scenarios/select/index.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;
let served: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex, served } = await bootSelectBackends());
}, 30_000);

describe('select scenarios', () => {
  it('have unique names and at least 60 entries', () => {
    const names = selectScenarios.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it.each(selectScenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleSelect(drizzleDb, scenario);
    await expectSameOutcome(scenario, drizzle, () => runConvexSelect(convex, scenario));
    await expectSameOutcome(scenario, drizzle, () => runConvexSelect(served, scenario));
  });

  it('groupBy and $count an aggregate index answers read fewer documents once it is ready', async () => {
    const fewer: string[] = [];
    for (const scenario of selectScenarios.filter((s) => !s.throws)) {
      const [building, ready] = [await convexSelectReads(convex, scenario), await convexSelectReads(served, scenario)];
      if (ready < building) fewer.push(scenario.name.split(' ')[0]!);
    }
    // G9 counts a nullable column and G2 sums a column the index does not keep: read from the rows.
    expect(fewer).toEqual(['G1', 'G5', 'G6', 'G10', 'G12', 'G18', 'G20', 'G21']);
  });
});
