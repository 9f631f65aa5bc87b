import { describe, expect, it } from 'vitest';
import { backend, backfillAll } from './fixture';

// `AggregateQuery.explain()` promises "a bad config rejects", as the query itself does. For
// `groupBy` the explain never parses `by`, `orderBy` or `limit`: it resolves, and for `by: 'status'`
// (a string, not an array) or `by: []` even names an aggregate index that "serves" a read the
// query refuses to run (INVALID_QUERY).
describe('groupBy explain() rejects the configs groupBy rejects', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['by names no column', { by: ['nope'], _count: true }],
    ['by is not an array', { by: 'status', _count: true }],
    ['by is empty', { by: [], _count: true }],
    [
      'orderBy names neither a by column nor a requested aggregate',
      { by: ['status'], _count: true, orderBy: { views: 'asc' } },
    ],
    ['limit is negative', { by: ['status'], _count: true, limit: -1 }],
  ];
  for (const [name, config] of bad) {
    it(`${name}: the query and its explain() both reject with INVALID_QUERY`, async () => {
      const { t, run } = backend();
      await backfillAll(t);
      const outcome = await run(async (db) => {
        const groupBy = (config: unknown) =>
          (
            db.query.posts as unknown as {
              groupBy(config: unknown): PromiseLike<unknown> & { explain(): PromiseLike<unknown> };
            }
          ).groupBy(config);
        const settle = (promise: PromiseLike<unknown>) =>
          Promise.resolve(promise).then(
            (value) => ({ resolved: value }),
            (error: { code?: string }) => ({ rejected: error.code }),
          );
        return { query: await settle(groupBy(config)), explain: await settle(groupBy(config).explain()) };
      });
      expect(outcome.query).toEqual({ rejected: 'INVALID_QUERY' });
      expect(outcome.explain).toEqual({ rejected: 'INVALID_QUERY' });
    });
  }
});
