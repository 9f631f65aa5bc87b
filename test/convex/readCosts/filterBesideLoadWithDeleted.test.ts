// Under `withDeleted: true` a relation filter beside a `with` load of the same relation and where
// reads every match for the load too, as explain() says (`exists.posts.load` "per parent, every
// match, which with.posts takes", `with.posts.fromEarlierRead`): its probes ran through an execution
// of their own (src/query/execution.ts linkReading, which reads junction rows alike for every query
// under `withDeleted`), so the whole read and the held rows it made were not the query's; both are
// now kept by the execution's context (src/query/filterBesideLoad.ts, heldRelatedRows.ts). Found
// by review.
import { describe, expect, it } from 'vitest';
import { counted } from './fixture';
import * as shapes from './relationShapesFixture';

const live = { status: 'live' } as const;

describe('a relation filter beside a load under withDeleted', () => {
  it('reads each user posts once, as explain() says', async () => {
    const t = await shapes.seeded();
    const out = await t.run(async (raw: any) => {
      const config = { where: { posts: live }, with: { posts: { where: live } }, withDeleted: true } as const;
      const explained = shapes.orm.db(raw).query.users.findMany(config).explain() as any;
      const beside = await counted(raw, (ctx) => shapes.orm.db(ctx).query.users.findMany(config));
      const loadAlone = await counted(raw, (ctx) =>
        shapes.orm.db(ctx).query.users.findMany({ with: { posts: { where: live } }, withDeleted: true }),
      );
      return { explained, beside, loadAlone };
    });
    // explain() claims the filter's rows are taken by the load.
    expect(out.explained.exists.posts.load).toMatch(/^per parent, every match, which with\.posts takes/);
    expect(out.explained.with.posts.fromEarlierRead).toBeDefined();
    // Same rows as filtering the load alone: u0 (a), u2 (d, soft-deleted), u4 (soft-deleted, f).
    expect(shapes.names(out.beside.result)).toEqual(['u0', 'u2', 'u4']);
    expect(out.beside.result).toEqual(out.loadAlone.result.filter((u: any) => u.posts.length > 0));
    // What runs must be what explain() says: each user's posts read once (today 17 / 10).
    expect(out.beside.reads).toEqual(out.loadAlone.reads);
  });
});
