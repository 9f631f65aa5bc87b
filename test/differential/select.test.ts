// @vitest-environment node
/**
 * Differential select tests: every scenario of `scenarios/select/` runs
 * Drizzle's core query builder (`db.select()`, joins, groupBy) on PGlite and
 * convex-orm's on convex-test, both seeded alike; the normalized results (or
 * the fact that both throw, with matching messages) must agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { runConvexSelect, runDrizzleSelect } from './harness/selectSides.js';
import { expectSameOutcome } from './knownFailures.js';
import { selectScenarios } from './scenarios/select/index.js';

let drizzleDb: DrizzleDb;
let convex: Awaited<ReturnType<typeof bootConvex>>;

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
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
  });
});
