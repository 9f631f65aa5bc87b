import { alias, and, asc, avg, count, countDistinct, desc, eq, gt, isOrmError, max, min, ne, sum } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users, usersToGroups } from '../../example/convex/schema';
import { seeded, seededReads } from './seed';

type Db = ReturnType<typeof orm.db>;
type Ids = Awaited<ReturnType<typeof seeded>>['ids'];

const measure = seededReads;

async function rejection(body: (db: Db, ids: Ids) => PromiseLike<unknown>): Promise<unknown> {
  try {
    await measure(body);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('db.select() on one table', () => {
  it('whole rows, filtered through the unique email index: 1 document, 1 range', async () => {
    const { result, reads, ids } = await measure((db) => db.select().from(users).where(eq(users.email, 'bob@x.dev')));
    expect(result).toEqual([expect.objectContaining({ _id: ids.users.bob, name: 'Bob', age: 25 })]);
    expect(reads).toEqual({ documents: 1, ranges: 1 });
  });

  it('a selection with an object filter, order and window; absent nullable columns read as null', async () => {
    const { result } = await measure((db) =>
      db
        .select({ name: users.name, age: users.age })
        .from(users)
        .where({ role: 'member' })
        .orderBy(desc(users.name))
        .limit(3)
        .offset(1),
    );
    expect(result).toEqual([
      { name: 'Di', age: null },
      { name: 'Cy', age: null },
      { name: 'Bob', age: 25 },
    ]);
  });

  it('limit stops the read in index order: limit 2 by _creationTime reads 2 documents', async () => {
    const { result, reads } = await measure((db) => db.select({ name: users.name }).from(users).limit(2));
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
    expect(reads.documents).toBe(2);
  });

  it('selectDistinct drops duplicate result rows', async () => {
    const { result } = await measure((db) =>
      db.selectDistinct({ verified: users.verified }).from(users).orderBy(asc(users.verified)),
    );
    expect(result).toEqual([{ verified: false }, { verified: true }]);
  });

  it('$dynamic composes a query conditionally; a later call replaces the earlier one', async () => {
    const { result } = await measure((db) => {
      const query = db.select({ name: users.name }).from(users).$dynamic();
      const paged = query.orderBy(asc(users.name)).limit(10).limit(2);
      return paged.where(gt(users.age, 30));
    });
    expect(result).toEqual([{ name: 'Ada' }, { name: 'Eve' }]);
  });

  it('is lazy: nothing is read until awaited, and bad input rejects instead of throwing', async () => {
    const { result, reads } = await measure(async (db) => {
      const query = db.select().from(users).limit(-1);
      const settled = await query.then(
        () => 'resolved',
        (error: unknown) => (isOrmError(error, 'INVALID_QUERY') ? 'rejected' : String(error)),
      );
      return settled;
    });
    expect(result).toBe('rejected');
    expect(reads.documents).toBe(0);
  });

  it('on a writer it runs in order with statements: Promise.all([insert, select]) sees the insert', async () => {
    const { t } = await seeded();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const [, found] = await Promise.all([
        db.insert(users).values({ name: 'Zed', email: 'zed@x.dev' }),
        db.select({ name: users.name }).from(users).where(eq(users.email, 'zed@x.dev')),
      ]);
      return found;
    });
    expect(result).toEqual([{ name: 'Zed' }]);
  });

  it('where(undefined) rejects with INVALID_FILTER rather than reading every row', async () => {
    const error = await rejection((db) => db.select().from(users).where(and()));
    expect(isOrmError(error, 'INVALID_FILTER')).toBe(true);
  });
});

describe('alias() and self-joins', () => {
  it('any key equality of ON keys the lookup: the db.get on _id, the other tested on the inviter read', async () => {
    const inviter = alias(users, 'inviter');
    const { result, reads } = await measure(async (db) => {
      const query = db
        .select({ name: users.name, inviter: inviter.name })
        .from(users)
        .innerJoin(inviter, and(eq(inviter.verified, users.verified), eq(inviter._id, users.invitedBy)))
        .orderBy(asc(users._creationTime));
      return { rows: await query, explain: query.explain() };
    });
    // Verified Bob was invited by verified Ada; unverified Cy and Di by verified inviters.
    expect(result.rows).toEqual([{ name: 'Bob', inviter: 'Ada' }]);
    // 5 users in one range, then Ada and Bob by db.get once each.
    expect(reads).toEqual({ documents: 7, ranges: 3 });
    expect(result.explain.joins[0]).toMatchObject({
      read: 'get',
      ranges: ['_id = ?'],
      residual: 'verified = ?',
      on: 'inviter.verified = users.verified and inviter._id = users.invitedBy',
      load: 'db.get per distinct key',
    });
  });

  it('a two-column key written in the other order than the index reads one range on both columns', async () => {
    const same = alias(posts, 'same');
    const { result, reads } = await measure(async (db) => {
      const query = db
        .select({ title: posts.title, same: same.title })
        .from(posts)
        .innerJoin(same, and(eq(same.publishedAt, posts.publishedAt), eq(same.authorId, posts.authorId)))
        .orderBy(asc(posts._creationTime));
      return { rows: await query, explain: query.explain() };
    });
    // The 5 posts with a publishedAt pair with themselves; a null or absent one joins nothing.
    expect(result.rows.map((row) => row.same)).toEqual([
      'Intro to Convex',
      'Indexes',
      'Intro to ORMs',
      'Bob 2',
      'Eve post',
    ]);
    // 7 posts in one range, then one range of one document per post with a publishedAt.
    expect(reads).toEqual({ documents: 12, ranges: 6 });
    expect(result.explain.joins[0]).toMatchObject({
      read: 'index',
      index: 'by_author',
      ranges: ['authorId = ?, publishedAt = ?'],
      residual: null,
      on: 'same.publishedAt = posts.publishedAt and same.authorId = posts.authorId',
    });
  });

  it('each user with the inviter: db.get per distinct inviter, each read once per query; keyed by the alias', async () => {
    const inviter = alias(users, 'inviter');
    const { result, reads } = await measure(async (db) => {
      const query = db
        .select()
        .from(users)
        .leftJoin(inviter, eq(inviter._id, users.invitedBy))
        .orderBy(asc(users._creationTime));
      return { rows: await query, explain: query.explain() };
    });
    expect(result.rows.map((row) => [row.users.name, row.inviter?.name ?? null])).toEqual([
      ['Ada', null],
      ['Bob', 'Ada'],
      ['Cy', 'Ada'],
      ['Di', 'Bob'],
      ['Eve', null],
    ]);
    // 5 users in one range, then Ada and Bob once each (the second look-up of Ada is cached).
    expect(reads).toEqual({ documents: 7, ranges: 3 });
    expect(result.explain.joins[0]).toMatchObject({
      table: 'users',
      on: 'inviter._id = users.invitedBy',
      load: 'db.get per distinct key',
    });
  });

  it('two aliases, a where on one of them, and a group per inviter', async () => {
    const inviter = alias(users, 'inviter');
    const grand = alias(users, 'grand');
    const { result } = await measure(async (db) => ({
      chain: await db
        .select({ name: users.name, inviter: inviter.name, grand: grand.name })
        .from(users)
        .innerJoin(inviter, eq(inviter._id, users.invitedBy))
        .innerJoin(grand, eq(grand._id, inviter.invitedBy)),
      admins: await db
        .select({ name: users.name })
        .from(users)
        .innerJoin(inviter, eq(inviter._id, users.invitedBy))
        .where(eq(inviter.role, 'admin'))
        .orderBy(asc(users.name)),
      perInviter: await db
        .select({ inviter: inviter.name, n: count() })
        .from(users)
        .innerJoin(inviter, eq(inviter._id, users.invitedBy))
        .groupBy(inviter._id)
        .orderBy(desc(count())),
      twice: await db
        .select()
        .from(users)
        .innerJoin(users, eq(users._id, users.invitedBy))
        .then(
          () => 'resolved',
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        ),
    }));
    expect(result.chain).toEqual([{ name: 'Di', inviter: 'Bob', grand: 'Ada' }]);
    expect(result.admins).toEqual([{ name: 'Bob' }, { name: 'Cy' }]);
    expect(result.perInviter).toEqual([
      { inviter: 'Ada', n: 2 },
      { inviter: 'Bob', n: 1 },
    ]);
    expect(result.twice).toMatch(/^INVALID_QUERY: "users" is in the select twice; .*alias\(users, 'parent'\)/);
  });

  it('alias() takes an identifier', () => {
    expect(() => alias(users, 'in viter')).toThrow(/an alias is an identifier/);
  });
});

describe('joins: index nested-loop', () => {
  it('leftJoin without a selection: { users, posts | null }; a user without posts is kept once', async () => {
    const { result, ids } = await measure((db) =>
      db
        .select()
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users.role, 'member'))
        .orderBy(asc(users.name), asc(posts.title)),
    );
    expect(result.map((row) => [row.users.name, row.posts?.title ?? null])).toEqual([
      ['Bob', 'Bob 2'],
      ['Bob', 'Intro to ORMs'],
      ['Cy', 'Cy post'],
      ['Di', null],
      ['Eve', 'Eve post'],
    ]);
    expect(result[3]!.users._id).toBe(ids.users.di);
  });

  it('innerJoin with limit 3 counts joined rows and stops reading: posts read only for the users needed', async () => {
    const { result, reads } = await measure((db) =>
      db
        .select({ user: users.name, post: posts.title })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .limit(3),
    );
    // Ada (3 posts) fills the window: 1 user + 3 posts read, 1 base range + 1 lookup range.
    expect(result).toEqual([
      { user: 'Ada', post: 'Draft' },
      { user: 'Ada', post: 'Intro to Convex' },
      { user: 'Ada', post: 'Indexes' },
    ]);
    expect(reads).toEqual({ documents: 4, ranges: 2 });
  });

  it('a join on _id reads by db.get; where on the inner-joined table is pushed into its lookup', async () => {
    const { result, reads } = await measure((db) =>
      db
        .select({ body: comments.body, title: posts.title })
        .from(comments)
        .innerJoin(posts, eq(comments.postId, posts._id))
        .where(eq(posts.title, 'Indexes')),
    );
    expect(result).toEqual([{ body: 'Useful', title: 'Indexes' }]);
    // 4 comments scanned, each post fetched once (3 distinct posts, cached per query).
    expect(reads).toEqual({ documents: 7, ranges: 4 });
  });

  it('a where on the left-joined table filters after the join (null rows fail it, as in SQL)', async () => {
    const { result } = await measure((db) =>
      db
        .select({ name: users.name })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(ne(posts.title, 'Draft'))
        .orderBy(asc(users.name), asc(posts.title)),
    );
    expect(result.map((row) => row.name)).toEqual(['Ada', 'Ada', 'Bob', 'Bob', 'Cy', 'Eve']);
  });

  it('three tables: users -> usersToGroups (index by userId via the unique) -> groups by _id', async () => {
    const { groups } = await import('../../example/convex/schema');
    const { result } = await measure((db) =>
      db
        .select({ user: users.name, group: groups.name })
        .from(users)
        .innerJoin(usersToGroups, eq(usersToGroups.userId, users._id))
        .innerJoin(groups, eq(groups._id, usersToGroups.groupId))
        .orderBy(asc(users.name), asc(groups.name)),
    );
    expect(result).toEqual([
      { user: 'Ada', group: 'Admins' },
      { user: 'Ada', group: 'Writers' },
      { user: 'Bob', group: 'Writers' },
      { user: 'Cy', group: 'Writers' },
    ]);
  });

  it('a join whose inner side has no index on the join column is refused before reading, naming the index', async () => {
    const error = await rejection((db) => db.select().from(posts).innerJoin(comments, eq(comments.body, posts.title)));
    expect(isOrmError(error, 'FULL_SCAN_FORBIDDEN')).toBe(true);
    expect((error as Error).message).toMatch(/add index on comments\(body\)/);
  });

  it('rightJoin and fullJoin reject with INVALID_QUERY', async () => {
    const right = await rejection((db) => db.select().from(users).rightJoin(posts, eq(posts.authorId, users._id)));
    expect(isOrmError(right, 'INVALID_QUERY')).toBe(true);
    const full = await rejection((db) => db.select().from(users).fullJoin(posts, eq(posts.authorId, users._id)));
    expect(isOrmError(full, 'INVALID_QUERY')).toBe(true);
  });

  it('the scan budget bounds joins too', async () => {
    const { t } = await seeded();
    const small = (await import('convex-orm')).createOrm({ relations: orm.relations, scanBudget: 5 });
    const error = await t
      .run((ctx) => small.db(ctx).select().from(users).innerJoin(posts, eq(posts.authorId, users._id)))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isOrmError(error, 'SCAN_BUDGET_EXCEEDED')).toBe(true);
  });

  it('explain() shows the base read and each join lookup without reading', async () => {
    const { result, reads } = await measure(async (db) =>
      db
        .select()
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users.email, 'ada@x.dev'))
        .limit(5)
        .explain(),
    );
    expect(reads.documents).toBe(0);
    expect(result).toMatchObject({
      table: 'users',
      read: 'index',
      ranges: ['email = "ada@x.dev"'],
      execution: 'stream',
      joins: [
        {
          kind: 'left',
          table: 'posts',
          index: 'by_author',
          ranges: ['authorId = ?'],
          on: 'posts.authorId = users._id',
        },
      ],
    });
  });
});

describe('groupBy and aggregates', () => {
  it('users with post counts, top by count (the join-aggregate workload)', async () => {
    const { result } = await measure((db) =>
      db
        .select({ id: users._id, email: users.email, postCount: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .groupBy(users._id)
        .orderBy(desc(count(posts._id)), asc(users.email))
        .limit(3),
    );
    expect(result.map(({ email, postCount }) => [email, postCount])).toEqual([
      ['ada@x.dev', 3],
      ['bob@x.dev', 2],
      ['cy@x.dev', 1],
    ]);
  });

  it('sum/avg/min/max skip nulls and give null for no values; count() of no rows is 0; having filters groups', async () => {
    // sum/avg of the author's age (integer): posts has no number column, and Postgres has no sum(timestamp).
    const { result } = await measure((db) =>
      db
        .select({
          author: posts.authorId,
          n: count(),
          dated: count(posts.publishedAt),
          total: sum(users.age),
          mean: avg(users.age),
          first: min(posts.publishedAt),
          last: max(posts.publishedAt),
          titles: countDistinct(posts.title),
        })
        .from(posts)
        .leftJoin(users, eq(users._id, posts.authorId))
        .groupBy(posts.authorId)
        .having(gt(count(), 0))
        .orderBy(asc(min(posts.title))),
    );
    // Ordered by each author's first title: Bob 2, Cy post, Draft (Ada), Eve post.
    expect(result.map(({ author: _author, ...rest }) => rest)).toEqual([
      { n: 2, dated: 2, total: 50, mean: 25, first: 150, last: 300, titles: 2 },
      { n: 1, dated: 0, total: null, mean: null, first: null, last: null, titles: 1 },
      { n: 3, dated: 2, total: 108, mean: 36, first: 100, last: 200, titles: 3 },
      { n: 1, dated: 1, total: 41, mean: 41, first: 400, last: 400, titles: 1 },
    ]);
  });

  it('aggregates without groupBy make one row, also over no rows', async () => {
    const { result } = await measure((db) =>
      db
        .select({ n: count(), total: sum(users.age) })
        .from(users)
        .where(eq(users.name, 'nobody')),
    );
    expect(result).toEqual([{ n: 0, total: null }]);
  });

  it('a selected column that is neither grouped nor dependent on a grouped _id is INVALID_QUERY', async () => {
    const error = await rejection((db) =>
      db.select({ title: posts.title, n: count() }).from(posts).groupBy(posts.authorId),
    );
    expect(isOrmError(error, 'INVALID_QUERY')).toBe(true);
    expect((error as Error).message).toMatch(/posts.title must appear in groupBy\(\)/);
  });
});

describe('$count', () => {
  it('works in queries as in mutations, with an operator or object filter', async () => {
    const { result, ids } = await measure(async (db, ids) => [
      await db.$count(users),
      await db.$count(posts, eq(posts.authorId, ids.users.ada)),
      await db.$count(users, { verified: true }),
    ]);
    expect(ids.users.ada).toBeDefined();
    expect(result).toEqual([5, 3, 2]);
  });
});

describe('operator expressions over several tables', () => {
  it('statements filter their own table only: a joined expression in update/delete where rejects, writing nothing', async () => {
    const { t, ids } = await seeded();
    const error = await t
      .run((ctx) =>
        orm
          .db(ctx)
          .delete(posts)
          .where(and(eq(posts.authorId, ids.users.ada), eq(users.name, 'Ada')) as never),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isOrmError(error, 'INVALID_FILTER')).toBe(true);
    expect((error as Error).message).toMatch(/mixes columns of tables "posts", "users"/);
    expect(await t.run((ctx) => orm.db(ctx).$count(posts))).toBe(7);
  });
});
