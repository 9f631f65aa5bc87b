// @vitest-environment node
import { getTableConfig } from 'convex-orm';
import { backfillNext } from 'convex-orm/migrations';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, tables } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import type { SelectScenario } from './harness/neutral.js';
import { runConvexSelect, runDrizzleSelect } from './harness/selectSides.js';
import { reviewProbes } from './scenarios/select/reviewProbes.js';

let drizzleDb: DrizzleDb;
let convex: Awaited<ReturnType<typeof bootConvex>>;
let served: Awaited<ReturnType<typeof bootConvex>>;

beforeAll(async () => {
  ({ db: drizzleDb } = await bootDrizzle());
  convex = await bootConvex();
  served = await bootConvex();
  const configs = Object.values(tables).map(getTableConfig);
  while ((await served.t.run((ctx) => backfillNext(ctx.db, configs, 100))).batch !== null);
}, 30_000);

describe('select scenarios (served and scanned) agree with Drizzle on Postgres', () => {
  it.each(reviewProbes.map((s) => [s.name, s] as const))('%s', async (_n, scenario: SelectScenario) => {
    const d = await runDrizzleSelect(drizzleDb, scenario);
    const c = await runConvexSelect(convex, scenario);
    const s = await runConvexSelect(served, scenario);
    expect({ c }).toStrictEqual({ c: d });
    expect({ s }).toStrictEqual({ s: d });
  });
});
