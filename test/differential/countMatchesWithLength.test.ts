// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { bootConvex, type IdMap, orm } from './fixture/convex.js';
import type { ConvexTest } from './harness/convexSide.js';
import { toConvexConfig } from './harness/translate.js';
import { propertyScenarios } from './scenarios/queries/propertySets.js';

let convex: { t: ConvexTest; idMap: IdMap };
beforeAll(async () => {
  convex = await bootConvex();
}, 30_000);

const parents: Record<string, [string, string][]> = {
  posts: [['users', 'posts']],
  comments: [
    ['users', 'comments'],
    ['posts', 'comments'],
  ],
  users: [
    ['groups', 'members'],
    ['users', 'invited'],
  ],
};

describe('_count = with length', () => {
  it("a relation's `_count` with a where equals the length of the same `with` load (generated filters)", async () => {
    const problems: unknown[] = [];
    let n = 0;
    for (const s of propertyScenarios) {
      if (s.method !== 'findMany' || s.name.includes('with')) continue;
      for (const [parent, rel] of parents[s.table] ?? []) {
        const where = (toConvexConfig(s.table, s.config, convex.idMap) as any).where;
        const res = await convex.t.run(async (ctx) => {
          try {
            const rows = await (orm.db(ctx).query as any)[parent].findMany({
              columns: {},
              with: { [rel]: { columns: { _id: true }, where } },
              _count: { [rel]: { where } },
            });
            return rows.map((r: any) => [r[rel].length, r._count[rel]]);
          } catch (e) {
            return `ERR ${(e as Error).message.slice(0, 100)}`;
          }
        });
        n++;
        if (typeof res === 'string' || res.some(([a, b]: number[]) => a !== b))
          problems.push({ name: s.name, parent, rel, res });
      }
    }
    expect(n).toBeGreaterThan(100);
    expect(problems.slice(0, 4)).toEqual([]);
  });
});
