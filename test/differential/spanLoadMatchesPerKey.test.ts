// @vitest-environment node
import { createOrm } from 'convex-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, type IdMap, orm, relations } from './fixture/convex.js';
import type { ConvexTest } from './harness/convexSide.js';
import { toConvexConfig } from './harness/translate.js';
import { propertyScenarios } from './scenarios/queries/propertySets.js';
import { reviewProbes } from './scenarios/queries/reviewProbes.js';

let convex: { t: ConvexTest; idMap: IdMap };
beforeAll(async () => {
  convex = await bootConvex();
}, 30_000);

const budget = Number(process.env.SPAN_RANGES ?? 8);
const tight = createOrm({ relations, transactionBudget: { indexRanges: budget } });

describe('span path = per-key path', () => {
  it('relation loads read as one span (few index ranges left) equal the per-key loads (generated configs and the review probes)', async () => {
    const problems: unknown[] = [];
    let compared = 0;
    for (const s of [...reviewProbes, ...propertyScenarios]) {
      if (s.method !== 'findMany') continue;
      const config = toConvexConfig(s.table, s.config, convex.idMap) as any;
      const run = (o: typeof orm) =>
        convex.t.run(async (ctx) => {
          try {
            return JSON.stringify(await (o.db(ctx).query as any)[s.table].findMany(config));
          } catch (e) {
            return `ERR ${(e as any).code ?? ''} ${(e as Error).message.slice(0, 80)}`;
          }
        });
      const [a, b] = [await run(orm), await run(tight as never)];
      if (b.startsWith('ERR') && b.includes('SCAN_BUDGET')) continue;
      compared++;
      if (a !== b) problems.push({ name: s.name, a: a.slice(0, 400), b: b.slice(0, 400) });
    }
    expect(compared).toBeGreaterThan(300);
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
