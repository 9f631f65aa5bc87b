// @vitest-environment node
/**
 * Differential query tests: every scenario of `scenarios/queries.ts` runs on
 * Drizzle v1 rc.5 (PGlite) and must be well-formed there: it returns rows, or
 * throws exactly when the scenario says both ORMs throw.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { runDrizzleQuery } from './harness/drizzleSide.js';
import { queryScenarios } from './scenarios/queries.js';

let drizzleDb: DrizzleDb;

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
}, 30_000);

describe('query scenarios', () => {
  it('have unique names and at least 250 entries', () => {
    const names = queryScenarios.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(250);
  });

  it.each(queryScenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleQuery(drizzleDb, scenario);
    if (scenario.throws) {
      expect(drizzle.error).toMatch(scenario.throws);
    } else {
      expect(drizzle.error).toBeUndefined();
    }
  });
});
