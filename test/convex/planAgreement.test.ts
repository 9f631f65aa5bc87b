import { compareValues, type Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts } from '../../example/convex/schema';
import { evaluateFilter } from '../../src/filter/evaluate';
import { parseWhere } from '../../src/filter/parseWhere';
import { getTableConfig } from '../../src/index';
import { seeded } from './seed';

/** A fixed-seed generator (LCG), so every run checks the same filters. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

describe('planned reads agree with the filter evaluator', () => {
  it('findMany and count over 300 generated where-objects on posts (index ranges, complements, prefixes, residuals)', async () => {
    const { t, ids } = await seeded();
    const { next, pick } = generator(20261201);
    const values = {
      authorId: Object.values(ids.users),
      publishedAt: [50, 100, 150, 200, 300, 400, 500],
      title: ['Intro', 'Intro to Convex', 'B', 'Cy post', 'Draft', 'Z'],
    } as const;
    const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'isNotNull', 'like', 'shorthand'];
    const condition = (): object => {
      const field = pick(['authorId', 'publishedAt', 'title'] as const);
      const op = pick(ops);
      const value = pick<Value>(values[field]);
      if (op === 'shorthand') return { [field]: value };
      if (op === 'in' || op === 'notIn') return { [field]: { [op]: values[field].filter(() => next() < 0.4) } };
      if (op === 'isNull' || op === 'isNotNull') return { [field]: { [op]: true } };
      if (op === 'like') return { title: { like: pick(['Intro%', 'I%', '%o%', 'Cy_post', 'D%']) } };
      return { [field]: { [op]: value } };
    };
    const filter = (depth: number): object => {
      if (depth === 0 || next() < 0.4) return condition();
      const kind = pick(['AND', 'OR', 'NOT', 'object'] as const);
      if (kind === 'NOT') return { NOT: filter(depth - 1) };
      if (kind === 'object') return { ...filter(depth - 1), ...condition() };
      return { [kind]: [filter(depth - 1), filter(depth - 1)] };
    };
    const table = getTableConfig(posts);
    await t.run(async (ctx) => {
      const stored = await ctx.db.query('posts').collect();
      const db = orm.db(ctx);
      for (let i = 0; i < 300; i++) {
        const where = next() < 0.5 ? { ...condition(), ...filter(3) } : filter(3);
        const tree = parseWhere(where, { table });
        const matching = stored.filter((row) => tree === null || evaluateFilter(tree, row) === true);
        const label = JSON.stringify(where);
        const order = pick(['asc', 'desc'] as const);
        const rows = await db.query.posts.findMany({ where, orderBy: { publishedAt: order, _creationTime: order } });
        const sign = order === 'asc' ? 1 : -1;
        const sorted = [...matching].sort(
          (a, b) =>
            sign * (compareValues(a.publishedAt, b.publishedAt) || compareValues(a._creationTime, b._creationTime)),
        );
        expect(
          rows.map((row) => row._id),
          label,
        ).toEqual(sorted.map((row) => row._id));
        const limited = await db.query.posts.findMany({ where, orderBy: { publishedAt: order }, limit: 2 });
        expect(
          limited.map((row) => row.publishedAt),
          label,
        ).toEqual(sorted.slice(0, 2).map((row) => row.publishedAt ?? null));
        expect(await db.query.posts.count({ where }), label).toBe(matching.length);
      }
    });
  });
});
