import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { startRepair } from '../../../src/aggregate/repair';
import { createOrm, isOrmError } from '../../../src/index';
import { authors, backfillAll, posts, relations, schema, tables } from './fixture';

// Under `strict`, a read an aggregate index serves once it is built (an unfiltered count() by
// `posts_all`, a groupBy by status by `posts_by_status_author`) would fall back to the full scan
// while the index is pending or being repaired, and strict refuses it: the error names the
// aggregate index, what it waits for and `npx convex-orm aggregate backfill`, not an index to add
// (the table has the one the read needs).
const strict = createOrm({ relations, strict: true });

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `raw: ${String(error)}`;
  }
}

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const db = strict.db(ctx as never);
    const [a] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
    await db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft', views: 1 });
  });
  return t;
}

const reads = (t: ReturnType<typeof convexTest>) =>
  t.run(async (ctx) => {
    const db = strict.db(ctx as never);
    return {
      count: await failure(() => db.query.posts.count()),
      groupBy: await failure(() => db.query.posts.groupBy({ by: ['status'], _count: true })),
    };
  });

describe('strict: an aggregate read whose index is not built yet', () => {
  it('before the first backfill: the error names the aggregate index and the backfill', async () => {
    const t = await seeded();
    const out = await reads(t);
    expect(out.count).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_all.*aggregate backfill/);
    expect(out.groupBy).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_by_status_author.*aggregate backfill/);
  });

  it('during an `aggregate repair`: the error names the index being rebuilt', async () => {
    const t = await seeded();
    await backfillAll(t);
    // Built: served, no scan.
    expect(await reads(t)).toEqual({ count: 'no error', groupBy: 'no error' });
    await t.run((ctx) => startRepair(ctx.db as never, tables, { table: 'posts' }));
    const out = await reads(t);
    expect(out.count).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_all.*(repair|backfill)/);
    expect(out.groupBy).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_by_status_author.*(repair|backfill)/);
  });
});
