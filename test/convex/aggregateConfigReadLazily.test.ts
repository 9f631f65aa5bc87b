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

// Found by review: a getter on `_sum` / `by` ran twice in one run (once copying the config's other
// keys, once parsing the aggregate keys). Each key of the config is read once per run, as a
// findMany config's.
describe('count / aggregate / groupBy read each key of their config once per run', () => {
  /** `config` with each key behind a getter that counts its reads. */
  function counting(config: Record<string, unknown>, reads: Record<string, number>) {
    const out = {};
    for (const [key, value] of Object.entries(config)) {
      Object.defineProperty(out, key, {
        enumerable: true,
        get: () => {
          reads[key] = (reads[key] ?? 0) + 1;
          return value;
        },
      });
    }
    return out;
  }

  it.each([
    ['aggregate', (db: any, cfg: object) => db.query.users.aggregate(cfg), { _count: true, _sum: { age: true } }],
    ['groupBy', (db: any, cfg: object) => db.query.users.groupBy(cfg), { by: ['role'], _sum: { age: true } }],
    ['count', (db: any, cfg: object) => db.query.users.count(cfg), { where: { age: { gte: 1 } } }],
  ] as const)('%s', async (_name, call, config) => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('users', {
        name: 'a',
        email: 'a@x',
        role: 'admin',
        age: 3,
        verified: false,
        invitedBy: null,
      } as never);
      const reads: Record<string, number> = {};
      await call(orm.db(ctx), counting(config, reads));
      expect(reads).toEqual(Object.fromEntries(Object.keys(config).map((key) => [key, 1])));
    });
  });
});
