import { asc, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts } from '../../example/convex/schema';
import { seeded } from './seed';

const { placeholder } = sql;

// `limit: 0` is a window of no rows whatever the offset: nothing is read (docs/queries.md, "a window
// of no rows (`limit` 0 reads nothing)"). A prepared `limit`/`offset` taken from a caller makes
// `{ limit: 0, offset: n }` an ordinary input, and reading `n` rows (or every match, sorted) for an
// empty result can even fail the query with SCAN_BUDGET_EXCEEDED.
const pagedTitles = orm.query.posts
  .findMany({
    columns: { title: true },
    orderBy: { title: 'asc' },
    limit: placeholder('limit'),
    offset: placeholder('offset'),
  })
  .prepare('pagedTitles');

describe('limit 0 with an offset reads nothing', () => {
  it('root findMany in index order: no rows, no reads', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.posts.findMany({ limit: 0, offset: 2 });
      return { rows, reads: { ...reads } };
    });
    expect(out).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('prepared findMany sorted in memory, executed with limit 0 and offset 3: no rows, no reads', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await pagedTitles.execute(ctx, { limit: 0, offset: 3 });
      return { rows, reads: { ...reads } };
    });
    expect(out).toEqual({ rows: [], reads: { documents: 0, ranges: 0 } });
  });

  it('with: { posts: { limit: 0, offset: 1 } } reads only the 5 users, as limit 0 alone does', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ columns: { name: true }, with: { posts: { limit: 0, offset: 1 } } });
      return { posts: rows.map((row) => row.posts), reads: { ...reads } };
    });
    expect(out).toEqual({ posts: [[], [], [], [], []], reads: { documents: 5, ranges: 1 } });
  });

  it('with: { groups: { limit: 0, offset: 1 } } (through a junction) reads only the 5 users', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ columns: { name: true }, with: { groups: { limit: 0, offset: 1 } } });
      return { groups: rows.map((row) => row.groups), reads: { ...reads } };
    });
    expect(out).toEqual({ groups: [[], [], [], [], []], reads: { documents: 5, ranges: 1 } });
  });

  it('db.select() with limit(0).offset(2), in read order or sorted in memory: no rows, no reads', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const streamed = await db.select({ title: posts.title }).from(posts).limit(0).offset(2);
      const sorted = await db.select({ title: posts.title }).from(posts).orderBy(asc(posts.title)).limit(0).offset(2);
      return { streamed, sorted, reads: { ...reads } };
    });
    expect(out).toEqual({ streamed: [], sorted: [], reads: { documents: 0, ranges: 0 } });
  });
});
