// @vitest-environment node
/**
 * Differential query tests: every scenario of `scenarios/queries/` runs on
 * Drizzle v1 rc.5 (PGlite) and on convex-orm (convex-test), both seeded with
 * the same rows; the normalized results (or the fact that both throw, with
 * matching messages) must agree. Scenarios listed in `knownFailures.ts` must
 * still disagree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, type IdMap, orm } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import { type ConvexTest, runConvexQuery } from './harness/convexSide.js';
import { runDrizzleQuery } from './harness/drizzleSide.js';
import { divergenceChecks, expectSameOutcome, knownFailures } from './knownFailures.js';
import { mutationScenarios } from './scenarios/mutations/index.js';
import { queryScenarios } from './scenarios/queries/index.js';
import { relationErrorScenarios } from './scenarios/relations.js';

let drizzleDb: DrizzleDb;
let convex: { t: ConvexTest; idMap: IdMap };

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
}, 30_000);

it('every known failure names an existing scenario', () => {
  const names = new Set([
    ...[...queryScenarios, ...mutationScenarios, ...relationErrorScenarios].map((scenario) => scenario.name),
    ...Object.values(divergenceChecks),
  ]);
  expect(Object.keys(knownFailures).filter((name) => !names.has(name))).toEqual([]);
});

describe('query scenarios', () => {
  it('have unique names and at least 250 entries', () => {
    const names = queryScenarios.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(250);
  });

  it.each(queryScenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const drizzle = await runDrizzleQuery(drizzleDb, scenario);
    await expectSameOutcome(scenario, drizzle, () => runConvexQuery(convex.t, convex.idMap, scenario));
  });
});

describe('paginate', () => {
  it('a filtered page holds numItems rows, as a filtered LIMIT does (pages fill)', async () => {
    const drizzleFirstTwo = await drizzleDb.query.users.findMany({
      columns: { name: true },
      where: { verified: true },
      orderBy: { id: 'asc' },
      limit: 2,
    });
    const page = await convex.t.run((ctx) =>
      orm
        .db(ctx)
        .query.users.paginate(
          { numItems: 2, cursor: null },
          { columns: { name: true }, where: { verified: true }, orderBy: { _creationTime: 'asc' } },
        ),
    );
    expect(drizzleFirstTwo).toEqual([{ name: 'Dan' }, { name: 'Alex' }]);
    expect(page.page).toEqual(drizzleFirstTwo);
    expect(page.isDone).toBe(false);
  });
});
