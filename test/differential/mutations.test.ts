// @vitest-environment node
/**
 * Differential mutation tests: every scenario of `scenarios/mutations/`
 * runs on Drizzle v1 rc.5 (PGlite, rolled back after each) and on convex-orm
 * (a fresh seeded convex-test each); the results and the listed tables
 * afterwards must be equal after normalization.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { type MutationRun, runConvexMutation, runDrizzleMutation } from './harness/mutationSides.js';
import { expectAgreement } from './knownFailures.js';
import { mutationScenarios } from './scenarios/mutations/index.js';

let drizzleDb: DrizzleDb;

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
}, 30_000);

const comparable = (run: MutationRun) => ({
  result: run.result.error === undefined ? run.result : { error: true },
  after: run.after,
});

describe('mutation scenarios', () => {
  it('have unique names and at least 40 entries', () => {
    const names = mutationScenarios.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(mutationScenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleMutation(drizzleDb, scenario);
    if (scenario.throws) {
      expect(drizzle.result.error).toMatch(scenario.throws);
    } else {
      expect(drizzle.result.error).toBeUndefined();
    }
    const convex = await runConvexMutation(scenario);
    const agreement = () => {
      if (scenario.throws) expect(convex.result.error).toMatch(scenario.throws);
      expect(comparable(convex)).toStrictEqual(comparable(drizzle));
    };
    await expectAgreement(scenario.name, agreement);
  });
});
