import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { posts, relations, users } from '../../example/convex/schema';
import { createOrm, defineRules } from '../../src/index';
import { seeded } from './seed';

// docs/queries.md (How a query reads, Plan): "Constant conditions fold first (`in: []` is FALSE,
// `notIn: []` TRUE, through `AND`/`OR`/`NOT`) ... and a filter that can match nothing reads
// nothing." A relation filter whose own filter is FALSE (`{ posts: { _id: { in: selected } } }`
// with nothing selected) is an EXISTS no row can satisfy: FALSE too, and its NOT TRUE. Unfolded,
// the root read every user (a full scan, `explain()`: residual "exists posts(false)") to return [],
// so under `strict` it threw FULL_SCAN_FORBIDDEN, and on a large table SCAN_BUDGET_EXCEEDED.
const strict = createOrm({ relations, strict: true });
// docs/rules.md's own pattern for a caller who may read no post: `{ _id: { in: [] } }` ("nobody's").
const noPosts = defineRules(relations, () => ({ posts: { read: { _id: { in: [] } } } }));
const strictRuled = createOrm({ relations, strict: true, rules: noPosts });
const plain = createOrm({ relations });
const ruled = createOrm({ relations, rules: noPosts });

describe('a relation filter no related row can pass matches nothing, reading nothing', () => {
  it('findMany under strict returns [] reading nothing (was FULL_SCAN_FORBIDDEN; without strict it read all 5 users)', async () => {
    const { t } = await seeded();
    const out = await t
      .run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const rows = await strict.db(ctx).query.users.findMany({
          where: { posts: { _id: { in: [] } } },
          columns: { name: true },
        });
        return { rows, reads: { ...reads } };
      })
      .catch((error) => ({ error: `${error.code}: ${error.message}` }));
    expect(out).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('explain() says it reads nothing, as for `where: { _id: { in: [] } }`', async () => {
    const { t } = await seeded();
    const explain = await t.run(async (ctx) =>
      strict
        .db(ctx)
        .query.users.findMany({ where: { posts: { title: { in: [] } } } })
        .explain(),
    );
    expect({ read: explain.read, fullScan: explain.fullScan }).toEqual({ read: 'none', fullScan: false });
  });

  it('count() under strict is 0 without reading a user (was FULL_SCAN_FORBIDDEN)', async () => {
    const { t } = await seeded();
    const out = await t
      .run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const count = await strict.db(ctx).query.users.count({ where: { groups: { _id: { in: [] } } } });
        return { count, reads: { ...reads } };
      })
      .catch((error) => ({ error: `${error.code}: ${error.message}` }));
    expect(out).toEqual({ count: 0, reads: { documents: 0, ranges: 0 } });
  });

  it('a relation filter on a table whose read rule lets the caller see no row reads no parent either', async () => {
    const { t } = await seeded();
    const out = await t
      .run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const rows = await strictRuled
          .db(ctx)
          .query.users.findMany({ where: { posts: true }, columns: { name: true } });
        return { rows, reads: { ...reads } };
      })
      .catch((error) => ({ error: `${error.code}: ${error.message}` }));
    expect(out).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('its NOT is TRUE: every user, reading the users alone and no post', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await plain.db(ctx).query.users.findMany({
        where: { NOT: { posts: { _id: { in: [] } } } },
        columns: { name: true },
      });
      return { names: rows.map((row) => row.name), reads: { ...reads } };
    });
    expect(out).toEqual({ names: ['Ada', 'Bob', 'Cy', 'Di', 'Eve'], reads: { documents: 5, ranges: 1 } });
  });

  it('`{ posts: false }` when the read rule lets the caller see no post is every user, reading no post', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await ruled.db(ctx).query.users.findMany({ where: { posts: false }, columns: { name: true } });
      return { count: rows.length, reads: { ...reads } };
    });
    expect(out).toEqual({ count: 5, reads: { documents: 5, ranges: 1 } });
  });

  it('a delete or update whose where has such a relation filter reads nothing and changes nothing', async () => {
    const { t } = await seeded();
    const out = await t
      .run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const db = strict.db(ctx);
        const deleted = await db
          .delete(users)
          .where({ posts: { _id: { in: [] } } })
          .returning();
        const updated = await db
          .update(posts)
          .set({ title: 'x' })
          .where({ author: { name: { in: [] } } })
          .returning();
        return { deleted, updated, reads: { ...reads } };
      })
      .catch((error) => ({ error: `${error.code}: ${error.message}` }));
    expect(out).toEqual({ deleted: [], updated: [], reads: { documents: 0, ranges: 0 } });
  });
});
