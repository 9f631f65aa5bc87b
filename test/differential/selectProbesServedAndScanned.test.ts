// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import type { DrizzleDb } from './fixture/drizzle.js';
import { bootSelectBackends, type ConvexBackend } from './fixture/selectBackends.js';
import type { SelectScenario } from './harness/neutral.js';
import { runConvexSelect, runDrizzleSelect } from './harness/selectSides.js';
import { reviewProbes } from './scenarios/select/reviewProbes.js';
import { threeTableProbes } from './scenarios/select/threeTableProbes.js';

let drizzleDb: DrizzleDb;
let convex: ConvexBackend;
let served: ConvexBackend;

beforeAll(async () => {
  ({ drizzleDb, convex, served } = await bootSelectBackends());
}, 30_000);

describe('select scenarios (served and scanned) agree with Drizzle on Postgres', () => {
  it.each([...reviewProbes, ...threeTableProbes].map((s) => [s.name, s] as const))(
    '%s',
    async (_n, scenario: SelectScenario) => {
      const d = await runDrizzleSelect(drizzleDb, scenario);
      const c = await runConvexSelect(convex, scenario);
      const s = await runConvexSelect(served, scenario);
      if (scenario.throws) {
        expect(d.error, JSON.stringify(d)).toBeDefined();
        expect({ c: c.error !== undefined, s: s.error !== undefined }).toEqual({ c: true, s: true });
        return;
      }
      expect({ c }).toStrictEqual({ c: d });
      expect({ s }).toStrictEqual({ s: d });
    },
  );
});
