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

function logging(db: any, log: string[]) {
  const wrapQuery = (table: string, q: any): any =>
    new Proxy(q, {
      get(target, key) {
        const v = target[key];
        if (typeof v !== 'function') return v;
        return (...args: any[]) => {
          if (key === 'withIndex') {
            const ranges: string[] = [];
            const b: any = new Proxy(
              {},
              {
                get:
                  (_t, op) =>
                  (...a: any[]) => {
                    ranges.push(`${String(op)} ${a[0]} ${JSON.stringify(a[1])}`);
                    return b;
                  },
              },
            );
            if (args[1]) args[1](b);
            log.push(`${table} ${args[0]} ${ranges.join(' & ')}`);
          }
          if (key === 'fullTableScan' || (key === 'order' && !log.at(-1)?.startsWith(table)))
            log.push(`${table} by_creation_time(scan)`);
          const r = v.apply(target, args);
          return r && typeof r === 'object' && typeof r.withIndex === 'function' ? wrapQuery(table, r) : r;
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      const v = target[key];
      if (key === 'query') return (table: string) => wrapQuery(table, v.call(target, table));
      if (key === 'get')
        return (...args: any[]) => {
          log.push(`get ${args.length > 1 ? args[0] : ''}`);
          return v.apply(target, args);
        };
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('explain root index = first read', () => {
  it("explain() names the index, get or none the run's first read opens (generated configs)", async () => {
    const problems: unknown[] = [];
    await convex.t.run(async (ctx) => {
      for (const s of propertyScenarios) {
        if (s.method !== 'findMany') continue;
        const config = toConvexConfig(s.table, s.config, convex.idMap) as any;
        const log: string[] = [];
        const db = orm.db({ ...ctx, db: logging(ctx.db, log) } as any);
        const q = (db.query as any)[s.table].findMany(config);
        const ex = q.explain();
        try {
          await q;
        } catch {
          continue;
        }
        const first = log[0];
        // A union opens its first branch's index first.
        const index = ex.read === 'union' ? ex.indexes[0] : ex.index;
        const want = ex.read === 'none' ? undefined : ex.read === 'get' ? 'get' : `${s.table} ${index}`;
        const ok = want === undefined ? first === undefined || !first.startsWith(s.table) : first?.startsWith(want);
        if (!ok)
          problems.push({
            name: s.name,
            ex: { read: ex.read, index: ex.index, ranges: ex.ranges },
            log: log.slice(0, 3),
          });
      }
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
