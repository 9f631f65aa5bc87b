import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { count, createOrm, isOrmError, sum } from '../../../src/index';
import { authors, posts, relations, schema } from './fixture';

// docs/aggregates.md: "Under `strict`, a read an aggregate index serves once built, but which would
// scan the whole table meanwhile (before its first backfill, ...), is refused with a
// `FULL_SCAN_FORBIDDEN` naming the index and what it waits for." The select builder's reads the
// same aggregate indexes serve (`db.$count(posts)`, `db.select({ n: count() })`, a grouped select)
// are refused so too, as the relational reads are (strictCountWhileIndexBuilds.test.ts), not with
// advice to add an index the table has.
const strict = createOrm({ relations, strict: true });

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `raw: ${String(error)}`;
  }
}

describe('strict: a select an aggregate index serves, before its first backfill', () => {
  it('db.$count, select count() and a grouped select name the aggregate index, as db.query does', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const db = strict.db(ctx as never);
      const [a] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
      await db.insert(posts).values({ title: 'p', authorId: a!._id, status: 'draft', views: 1 });
    });
    const out = await t.run(async (ctx) => {
      const db = strict.db(ctx as never);
      return {
        relational: await failure(() => db.query.posts.count()),
        dollarCount: await failure(() => db.$count(posts)),
        selectCount: await failure(() => db.select({ n: count() }).from(posts)),
        grouped: await failure(() =>
          db
            .select({ status: posts.status, n: count(), v: sum(posts.views) })
            .from(posts)
            .groupBy(posts.status),
        ),
      };
    });
    expect(out.relational).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_all.*aggregate backfill/);
    expect.soft(out.dollarCount).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_all.*aggregate backfill/);
    expect.soft(out.selectCount).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_all.*aggregate backfill/);
    expect.soft(out.grouped).toMatch(/^FULL_SCAN_FORBIDDEN: .*posts_by_status_author.*aggregate backfill/);
  });
});
