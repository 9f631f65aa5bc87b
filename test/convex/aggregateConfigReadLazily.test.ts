// `db.query.<t>.count(config)`, `.aggregate(config)` and `.groupBy(config)` read their config when
// the query runs, as findMany / findFirst / paginate do (docs/queries.md: "nothing is read until it
// is awaited, every error (a bad config included) rejects it rather than throwing from the call"):
// a config whose reading throws (a getter, a Proxy forwarded from a wrapper) rejects the awaited
// query, and its getters do not run before it is awaited.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

/** A config whose `where` getter throws, and which records when it was read. */
function trap(extra: Record<string, unknown>, reads: string[]) {
  return {
    ...extra,
    get where(): never {
      reads.push('where');
      throw new Error('config getter');
    },
  };
}

describe('count / aggregate / groupBy read their config only when awaited', () => {
  it.each([
    ['count', (db: any, cfg: object) => db.query.users.count(cfg), {}],
    ['aggregate', (db: any, cfg: object) => db.query.users.aggregate(cfg), { _count: true }],
    ['groupBy', (db: any, cfg: object) => db.query.users.groupBy(cfg), { by: ['role'], _count: true }],
    ['findMany (control: already lazy)', (db: any, cfg: object) => db.query.users.findMany(cfg), {}],
  ] as const)('%s', async (_name, call, extra) => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = orm.db(ctx) as any;
      const reads: string[] = [];
      let query: PromiseLike<unknown> | undefined;
      let thrown: unknown;
      try {
        query = call(db, trap(extra, reads));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeUndefined();
      // Nothing, the config included, is read before the query is awaited.
      expect(reads).toEqual([]);
      await expect(query).rejects.toThrow('config getter');
    });
  });
});
