import { createOrm, isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { relations } from '../../example/convex/schema';
import { seeded } from './seed';

/** Runs `body` with a read-counting ORM db and returns its result and the reads it made. */
async function measure<T>(body: (db: ReturnType<typeof orm.db>) => PromiseLike<T>) {
  const { t, ids } = await seeded();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await body(orm.db(ctx));
    return { result, reads: { ...reads }, ids };
  });
}

describe('read costs (documents scanned / index ranges opened)', () => {
  it('eq on an indexed field: 1 document, 1 range', async () => {
    const { result, reads } = await measure((db) => db.query.users.findMany({ where: { email: 'bob@x.dev' } }));
    expect(result.map((user) => user.name)).toEqual(['Bob']);
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });

  it('a range after an equality prefix: 2 documents, 1 range', async () => {
    const { t, ids } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        where: { authorId: ids.users.ada, publishedAt: { gt: 50 } },
        columns: { title: true },
      });
      return { result, reads };
    });
    expect(result).toEqual([{ title: 'Intro to Convex' }, { title: 'Indexes' }]);
    expect(reads).toEqual({ documents: 2, ranges: 1 });
  });

  it('in over 5 values (4 exist): 4 documents, 5 ranges', async () => {
    const emails = ['eve', 'ada', 'nobody', 'cy', 'bob'].map((name) => `${name}@x.dev`);
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ where: { email: { in: emails } }, columns: { name: true } }),
    );
    expect(result.map((user) => user.name)).toEqual(['Ada', 'Bob', 'Cy', 'Eve']);
    expect(reads).toEqual({ documents: 4, ranges: 5 });
  });

  it('orderBy served by the index with limit 2: 2 documents, 1 range', async () => {
    const { t, ids } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        where: { authorId: ids.users.ada },
        orderBy: { publishedAt: 'desc' },
        limit: 2,
      });
      return { result, reads };
    });
    expect(result.map((post) => post.title)).toEqual(['Indexes', 'Intro to Convex']);
    expect(reads).toEqual({ documents: 2, ranges: 1 });
  });

  it('a residual filter with limit 1 reads until one row passes: 2 documents, 1 range', async () => {
    const { result, reads } = await measure((db) => db.query.users.findMany({ where: { name: 'Bob' }, limit: 1 }));
    expect(result.map((user) => user.name)).toEqual(['Bob']);
    expect(reads).toEqual({ documents: 2, ranges: 1 });
  });

  it('one by _id with duplicates: each author read once (4 comments + 3 authors, 1 + 3 ranges)', async () => {
    const { result, reads } = await measure((db) =>
      db.query.comments.findMany({ columns: { body: true }, with: { author: { columns: { name: true } } } }),
    );
    expect(result.map((comment) => `${comment.body}:${comment.author.name}`)).toEqual([
      'Nice:Bob',
      'Thanks:Cy',
      'Useful:Bob',
      'Agreed:Ada',
    ]);
    expect(reads).toEqual({ documents: 7, ranges: 4 });
  });

  it('many with a per-parent limit reads take(limit) per parent: 3 users + 3 posts, 4 ranges', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({
        columns: { name: true },
        limit: 3,
        with: { posts: { columns: { title: true }, orderBy: { publishedAt: 'desc' }, limit: 1 } },
      }),
    );
    expect(result).toEqual([
      { name: 'Ada', posts: [{ title: 'Indexes' }] },
      { name: 'Bob', posts: [{ title: 'Bob 2' }] },
      { name: 'Cy', posts: [{ title: 'Cy post' }] },
    ]);
    expect(reads).toEqual({ documents: 6, ranges: 4 });
  });

  it('a through relation: junction rows by index, targets by id (5 documents, 4 ranges)', async () => {
    const { t, ids } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.users.findFirst({
        where: { _id: ids.users.ada },
        columns: { name: true },
        with: { groups: { columns: { name: true }, orderBy: { name: 'desc' } } },
      });
      return { result, reads };
    });
    expect(result).toEqual({ name: 'Ada', groups: [{ name: 'Writers' }, { name: 'Admins' }] });
    expect(reads).toEqual({ documents: 5, ranges: 4 });
  });

  it('a relation filter checks related rows per candidate, stopping at the first match', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({
        columns: { name: true },
        where: { posts: { title: { like: 'Intro%' } } },
        limit: 2,
      }),
    );
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
    // users Ada, Bob; Ada's posts Draft, Intro to Convex; Bob's Intro to ORMs.
    expect(reads).toEqual({ documents: 5, ranges: 3 });
  });

  it("a relation filter is read only when the row's columns leave the filter undecided", async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ columns: { name: true }, where: { verified: true, posts: true } }),
    );
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
    // 5 users scanned; only the verified Ada and Bob look up one post each.
    expect(reads).toEqual({ documents: 7, ranges: 3 });
  });

  it('a row a null column keeps from passing reads no relation (UNKNOWN AND anything is never TRUE)', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ columns: { name: true }, where: { age: { gt: 30 }, posts: true } }),
    );
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Eve' }]);
    // 5 users scanned; Cy (age absent) and Di (age null) can never pass, so only Ada and Eve look up a post.
    expect(reads).toEqual({ documents: 7, ranges: 3 });
  });

  it('an OR of relation filters stops at the first related row found', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ columns: { name: true }, where: { OR: [{ posts: true }, { comments: true }] } }),
    );
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Bob' }, { name: 'Cy' }, { name: 'Eve' }]);
    // 5 users; a post each for Ada, Bob, Cy, Eve (4 ranges, 4 documents); Di has no post: 1 range, then comments: 1 range.
    expect(reads).toEqual({ documents: 9, ranges: 7 });
  });

  it('order terms through the same relation read it once per row', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({
        columns: { name: true },
        orderBy: { posts: { publishedAt: 'desc(max)', title: 'asc(min)' } },
      }),
    );
    expect(result.map((user) => user.name)).toEqual(['Eve', 'Bob', 'Ada', 'Di', 'Cy']);
    // 5 users (1 range); their 7 posts, one range per user.
    expect(reads).toEqual({ documents: 12, ranges: 6 });
  });

  it('_id in without an order stops reading at the limit: 1 document, 1 range', async () => {
    const { t, ids } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const { introConvex, indexes, draft } = ids.posts;
      const result = await orm.db(ctx).query.posts.findFirst({ where: { _id: { in: [introConvex, indexes, draft] } } });
      return { result, reads };
    });
    expect(result?.title).toBe('Intro to Convex');
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });

  it('a through relation filter reads junction rows only until a target is found: 3 documents, 3 ranges', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ columns: { name: true }, where: { email: 'ada@x.dev', groups: true } }),
    );
    expect(result).toEqual([{ name: 'Ada' }]);
    // Ada by email; her first membership (of 2); its group.
    expect(reads).toEqual({ documents: 3, ranges: 3 });
  });

  it('NOT of a constant filter is planned as that constant: no read for a filter that matches nothing', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({ where: { NOT: { age: { notIn: [] } } } }),
    );
    expect(result).toEqual([]);
    expect(reads).toEqual({ documents: 0, ranges: 0 });
  });

  it('constant branches fold away: OR [in: [], email] reads through the email index', async () => {
    const { result, reads } = await measure((db) =>
      db.query.users.findMany({
        columns: { name: true },
        where: { OR: [{ age: { in: [] } }, { email: 'bob@x.dev' }] },
      }),
    );
    expect(result).toEqual([{ name: 'Bob' }]);
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });

  it('_id in with an invalid id: the invalid one is skipped without a read (1 document, 1 range)', async () => {
    const { t, ids } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        where: { _id: { in: [ids.posts.indexes, 'not-an-id' as never, ids.users.ada as never] } },
      });
      return { result, reads };
    });
    expect(result.map((post) => post.title)).toEqual(['Indexes']);
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });
});

describe('scan budget and strict mode', () => {
  it('stops at the budget with SCAN_BUDGET_EXCEEDED naming the index to add', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const error = await orm
        .db(ctx)
        .query.users.findMany({ where: { name: 'Eve' }, scanBudget: 3 })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isOrmError(error, 'SCAN_BUDGET_EXCEEDED')).toBe(true);
      expect((error as Error).message).toBe(
        'Query on "users" read more than 3 documents (the scan budget) through index "by_creation_time" without finishing; add index on users(name), or raise scanBudget.',
      );
    });
  });

  it('a scan budget that is not a non-negative integer is rejected before any read, per call and in createOrm', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      for (const scanBudget of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5' as never]) {
        await expect(orm.db(ctx).query.users.findMany({ scanBudget })).rejects.toMatchObject({
          code: 'INVALID_QUERY',
          message: `"scanBudget" on "users" must be a non-negative integer; got ${typeof scanBudget === 'string' ? '"5"' : String(scanBudget)}.`,
        });
        expect(() => createOrm({ relations, scanBudget })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
      }
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it('counts relation reads against the same budget', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const query = orm.db(ctx).query.users.findMany({ with: { posts: true }, scanBudget: 6 });
      await expect(query).rejects.toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
      await expect(orm.db(ctx).query.users.findMany({ with: { posts: true }, scanBudget: 12 })).resolves.toHaveLength(
        5,
      );
    });
  });
});

describe('strict mode', () => {
  const strict = createOrm({ relations, strict: true });

  it('turns a full scan into FULL_SCAN_FORBIDDEN before reading, and lets indexed reads through', async () => {
    const { t } = await seeded();
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = strict.db(ctx);
      await expect(db.query.users.findMany({ where: { name: 'Eve' } })).rejects.toMatchObject({
        code: 'FULL_SCAN_FORBIDDEN',
        message:
          'Query on "users" would scan the whole table (no index narrows it); add index on users(name), or drop strict mode.',
      });
      expect(reads.documents).toBe(0);
      await expect(db.query.users.findMany({ where: { email: 'eve@x.dev' } })).resolves.toHaveLength(1);
      await expect(db.query.users.findMany({ limit: 2 })).resolves.toHaveLength(2);
      await expect(db.query.users.findMany()).rejects.toMatchObject({ code: 'FULL_SCAN_FORBIDDEN' });
      // notIn: [] is TRUE for every row: no residual, so a limited read stays allowed.
      const everyRow = db.query.users.findMany({ where: { age: { notIn: [] } }, limit: 2 });
      expect(everyRow.explain()).toMatchObject({ residual: null, fullScan: false });
      await expect(everyRow).resolves.toHaveLength(2);
    });
  });
});
