import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';

// Later pages resume each planned range as a chain of ranges read one after another (readIndex
// mergeChains, indexKey chainsAfter): walked to the end under small pages and read limits, every
// query's pages hold exactly findMany's rows in its order (ties on the order field, null and absent
// keys, desc, ne / notIn intervals, a residual filter).
function rows(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length: 40 }, () => {
    const r = next();
    const rank = r < 0.1 ? undefined : r < 0.2 ? null : Math.floor(next() * 4);
    return {
      status: ['a', 'b', 'c', 'd'][Math.floor(next() * 4)]!,
      flag: next() < 0.6,
      ...(rank === undefined ? {} : { rank }),
    };
  });
}

const queries: Record<string, object> = {
  'in asc': { where: { status: { in: ['a', 'b', 'c'] } }, orderBy: { rank: 'asc' } },
  'in desc': { where: { status: { in: ['a', 'b', 'c'] } }, orderBy: { rank: 'desc' } },
  'ne asc': { where: { status: { ne: 'b' } }, orderBy: { status: 'asc', rank: 'asc' } },
  'notIn desc': { where: { status: { notIn: ['b', 'c'] } }, orderBy: { status: 'desc', rank: 'desc' } },
  'in + rank ne': { where: { status: { in: ['a', 'b'] }, rank: { ne: 2 } }, orderBy: { rank: 'asc' } },
  'in + rank notIn desc': {
    where: { status: { in: ['b', 'c', 'd'] }, rank: { notIn: [0, 3] } },
    orderBy: { rank: 'desc' },
  },
  'in + range desc': { where: { status: { in: ['a', 'd'] }, rank: { gte: 1 } }, orderBy: { rank: 'desc' } },
  'in + residual': { where: { status: { in: ['a', 'b', 'd'] }, flag: true }, orderBy: { rank: 'asc' } },
  'or asc': { where: { OR: [{ status: 'a' }, { status: 'c' }] }, orderBy: { rank: 'asc' } },
};

describe('pages walked to the end equal findMany', () => {
  for (const [name, config] of Object.entries(queries)) {
    it(name, async () => {
      const t = convexTest(schema, modules);
      await t.run(async (ctx) => {
        for (const row of rows(7)) await ctx.db.insert('items', row as never);
      });
      const all = await t.run(async (ctx) =>
        (await orm.db(ctx).query.items.findMany(config as never)).map((row: any) => row._id),
      );
      for (const limits of [
        { numItems: 1 },
        { numItems: 3 },
        { numItems: 4, maximumRowsRead: 2 },
        { numItems: 5, maximumBytesRead: 1 },
      ]) {
        const walked: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 200; i++) {
          const page: any = await t.run((ctx) =>
            orm.db(ctx).query.items.paginate({ ...limits, cursor }, config as never),
          );
          walked.push(...page.page.map((row: any) => row._id));
          cursor = page.continueCursor;
          if (page.isDone) break;
        }
        expect({ limits, walked }).toEqual({ limits, walked: all });
      }
    });
  }
});
