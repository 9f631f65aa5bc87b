import { describe, expect, it } from 'vitest';
import { createOrm, defineRules, eq, or, placeholder } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { counted, orm, posts, relations, seeded, strictOrm, users } from './fixture';

// docs/queries.md ("How a query reads"): an OR across fields whose every branch an index pins by an
// equality is read as the union of those ranges (src/planner/union.ts), where one index would read
// the whole table: `OR: [{ role: 'admin' }, { age: 25 }]` reads the 75 admins' range and the one
// row of age 25 (76 documents, 2 ranges) as one query per branch does, not all 300 users. A row
// both branches reach is read twice and returned once. Every read path that plans a filter takes
// it (findMany, count, update/delete where, db.select, prepared queries, pages whose order the
// branches give); a branch no index pins leaves the OR a residual over a full scan, and the
// errors say so.

const across = { OR: [{ role: 'admin' }, { age: 25 }] } as const;
const advice =
  'an OR across different fields (role, age) is read through indexes only when an index starts with an equality of each of its branches (on a page, one that also gives its order): add the missing index, or run one query per branch (each reads its own index) and merge the rows, or put the OR on one indexed field';

/** One query per branch, merged by _id in _creationTime order: what careful code reads. */
async function perBranch(db: any, branches: readonly object[] = across.OR) {
  const rows = [];
  for (const where of branches) rows.push(...(await db.query.users.findMany({ where })));
  const byId = new Map(rows.map((u: any) => [u._id, u]));
  return [...byId.values()].sort((a: any, b: any) => a._creationTime - b._creationTime).map((u: any) => u.name);
}

const names = (rows: any) => rows.map((u: any) => u.name);

describe('OR of equalities on two indexed fields', () => {
  it('reads the two ranges (76 documents, 2 ranges) as one query per branch does, in _creationTime order', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const split = await counted(raw, (ctx) => perBranch(orm.db(ctx)));
      const query = (ctx: any) => orm.db(ctx).query.users.findMany({ where: across, columns: { name: true } });
      const result = await counted(raw, query);
      return { split, result, explain: query(raw).explain() };
    });
    expect(names(out.result.result)).toEqual(out.split.result);
    expect(out.split.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.result.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.explain).toMatchObject({
      read: 'union',
      indexes: ['by_role', 'by_age'],
      ranges: ['by_role: role = "admin"', 'by_age: age = 25'],
      residual: '(role = "admin" or age = 25)',
      order: 'index asc',
      fullScan: false,
    });
  });

  it('returns a row both branches reach once, and charges both reads', async () => {
    const t = await seeded(300, 0);
    const out = await t.run((raw: any) =>
      counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where: { OR: [{ role: 'admin' }, { age: 24 }] } })),
    );
    // u4 is an admin of age 24.
    expect(names(out.result).filter((name: string) => name === 'u4')).toEqual(['u4']);
    expect(out.result).toHaveLength(75);
    expect(out.reads).toEqual({ documents: 76, ranges: 2 });
  });

  it('merges the ranges in an order they share and stops at the limit', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const query = (ctx: any) =>
        orm.db(ctx).query.users.findMany({ where: across, orderBy: { _creationTime: 'desc' }, limit: 3 });
      return { ...(await counted(raw, query)), explain: query(raw).explain() };
    });
    expect(names(out.result)).toEqual(['u296', 'u292', 'u288']);
    // The merge reads each range's head, then one row ahead in the range each row came from.
    expect(out.reads).toEqual({ documents: 4, ranges: 2 });
    expect(out.explain).toMatchObject({ read: 'union', order: 'index desc' });
  });

  it('sorts in memory an order the ranges do not give, with a limit too: an index walking it whole may read every row first', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const all = db.query.users.findMany({ where: across, orderBy: { score: 'desc' } });
      const first = db.query.users.findMany({ where: across, orderBy: { score: 'desc' }, limit: 2 });
      return {
        all: await counted(raw, (ctx) =>
          orm.db(ctx).query.users.findMany({ where: across, orderBy: { score: 'desc' } }),
        ),
        allExplain: all.explain(),
        first: await first,
        firstExplain: first.explain(),
      };
    });
    expect(out.all.reads).toEqual({ documents: 76, ranges: 2 });
    expect(names(out.all.result).slice(0, 3)).toEqual(['u296', 'u292', 'u288']);
    expect(out.allExplain).toMatchObject({ read: 'union', order: 'memory' });
    // by_score walked in order reads until two rows match, every row when few do: the union reads the matches.
    expect(out.firstExplain).toMatchObject({ read: 'union', order: 'memory' });
    expect(names(out.first)).toEqual(['u296', 'u292']);
  });

  it('sorts branches whose orders differ, with a limit too', async () => {
    const t = await seeded(10, 5);
    const out = await t.run(async (raw: any) => {
      const u1 = await orm.db(raw).query.users.findFirst({ where: { name: 'u1' } });
      const where = { OR: [{ authorId: u1!._id }, { status: 'draft' }] };
      const all = (ctx: any) => orm.db(ctx).query.posts.findMany({ where });
      const three = (ctx: any) => orm.db(ctx).query.posts.findMany({ where, limit: 3 });
      return {
        all: await counted(raw, all),
        allExplain: all(raw).explain(),
        three: await counted(raw, three),
        threeExplain: three(raw).explain(),
      };
    });
    const titles = (rows: any) => rows.map((p: any) => p.title);
    // by_author gives u1's posts in publishedAt order, by_status the drafts in _creationTime order:
    // read in turn, then sorted into the order a query without orderBy has (by_creation_time's).
    expect(titles(out.all.result)).toEqual([
      'p0-4',
      'p1-0',
      'p1-1',
      'p1-2',
      'p1-3',
      'p1-4',
      'p2-4',
      'p3-4',
      'p4-4',
      'p5-4',
      'p6-4',
      'p7-4',
      'p8-4',
      'p9-4',
    ]);
    expect(out.all.reads).toEqual({ documents: 15, ranges: 2 });
    expect(out.allExplain).toMatchObject({ read: 'union', indexes: ['by_author', 'by_status'], order: 'memory' });
    // With a limit the union reads its 15 matches too: by_creation_time walked in order would stop at
    // the third match here (7 documents), but reads the whole table where the matches are few.
    expect(titles(out.three.result)).toEqual(['p0-4', 'p1-0', 'p1-1']);
    expect(out.three.reads).toEqual({ documents: 15, ranges: 2 });
    expect(out.threeExplain).toMatchObject({ read: 'union', indexes: ['by_author', 'by_status'] });
  });

  it('serves count, update and delete where, db.select and prepared queries alike', async () => {
    const t = await seeded(300, 0);
    const prepared = orm.query.users
      .findMany({ where: { OR: [{ role: placeholder('role') }, { age: placeholder('age') }] } })
      .prepare('adminsOrAged');
    const out = await t.run(async (raw: any) => {
      const filter = or(eq(users.role, 'admin'), eq(users.age, 25));
      return {
        count: await counted(raw, (ctx) => orm.db(ctx).query.users.count({ where: across })),
        select: await counted(raw, (ctx) => orm.db(ctx).select({ name: users.name }).from(users).where(filter)),
        prepared: await counted(raw, (ctx) => prepared.execute(ctx, { role: 'admin', age: 25 })),
        preparedExplain: prepared.explain({ role: 'admin', age: 25 }),
        update: await counted(raw, (ctx) => orm.db(ctx).update(users).set({ score: -1 }).where(filter)),
        updated: await orm.db(raw).query.users.count({ where: { score: -1 } }),
        delete: await counted(raw, (ctx) => orm.db(ctx).delete(users).where(filter)),
        left: await orm.db(raw).query.users.count(),
      };
    });
    expect(out.count).toEqual({ result: 76, reads: { documents: 76, ranges: 2 } });
    expect(out.select.result).toHaveLength(76);
    expect(out.select.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.prepared.result).toHaveLength(76);
    expect(out.prepared.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.preparedExplain).toMatchObject({ read: 'union', indexes: ['by_role', 'by_age'] });
    expect(out.update.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.updated).toBe(76);
    // The two ranges, then each deleted user's posts (by_author, for the cascade: none here).
    expect(out.delete.reads).toEqual({ documents: 76, ranges: 2 + 76 });
    expect(out.left).toBe(224);
  });

  it('is read under rules as any plan: hidden rows stay hidden and the limit counts visible rows', async () => {
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ users: { read: { role: { ne: 'admin' } } } })),
    });
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const db = ruled.db(raw);
      return {
        rows: await db.query.users.findMany({
          where: { OR: [{ role: 'admin' }, { age: { in: [25, 26, 27] } }] },
          limit: 2,
        }),
        count: await db.query.users.count({ where: across }),
      };
    });
    // u5, u6 and u7 are members (u8 is an admin): the admins the union reads never pass.
    expect(names(out.rows)).toEqual(['u5', 'u6']);
    expect(out.count).toBe(1);
  });

  it('is no full scan under strict mode', async () => {
    const t = await seeded(30, 0);
    const rows = await t.run((raw: any) => strictOrm.db(raw).query.users.findMany({ where: across }));
    expect(rows).toHaveLength(9); // u0, u4, ..., u28 (8 admins) and u5 (age 25)
  });

  it("SCAN_BUDGET_EXCEEDED names the union's indexes", async () => {
    const t = await seeded(30, 0);
    const message = await t.run((raw: any) =>
      orm
        .db(raw)
        .query.users.findMany({ where: across, scanBudget: 5 })
        .then(
          () => 'ran',
          (error: any) => `${error.code}: ${error.message}`,
        ),
    );
    expect(message).toBe(
      'SCAN_BUDGET_EXCEEDED: Query on "users" read more than 5 documents (the scan budget) through indexes "by_role", "by_age" without finishing; narrow the filter with an indexed field, or raise scanBudget.',
    );
  });
});

describe('OR across fields in update and delete where', () => {
  it('reads the union when the branches cannot merge: a statement wants every match, however its row cap limits it', async () => {
    // 40 users with 5 posts each, the last a draft: u3's 5 posts and the 40 drafts (u3's among them).
    const t = await seeded(40, 5);
    const out = await t.run(async (raw: any) => {
      const author = (await orm.db(raw).query.users.findFirst({ where: { name: 'u3' } }))!._id;
      const filter = or(eq(posts.authorId, author), eq(posts.status, 'draft'));
      return {
        update: await counted(raw, (ctx) => orm.db(ctx).update(posts).set({ views: -1 }).where(filter)),
        updated: await orm.db(raw).query.posts.count({ where: { views: -1 } }),
        explain: orm
          .db(raw)
          .query.posts.findMany({ where: { OR: [{ authorId: author }, { status: 'draft' }] } })
          .explain(),
      };
    });
    // by_author's key is (authorId, publishedAt): its rows do not come in _creationTime order, so
    // the branches are read in turn, 5 + 40 documents, not the 200 posts.
    expect(out.explain).toMatchObject({ read: 'union', indexes: ['by_author', 'by_status'], order: 'memory' });
    expect(out.update.reads).toEqual({ documents: 45, ranges: 2 });
    expect(out.updated).toBe(44);
  });

  it('stops at the row cap + 1 matches in any order: past it the statement only fails', async () => {
    const capped = createOrm({ relations, rowCap: 10 });
    const t = await seeded(40, 5);
    const out = await t.run(async (raw: any) => {
      const author = (await orm.db(raw).query.users.findFirst({ where: { name: 'u3' } }))!._id;
      const filter = or(eq(posts.authorId, author), eq(posts.status, 'draft'));
      const { ctx, reads } = countReads(raw);
      const error = await capped
        .db(ctx)
        .update(posts)
        .set({ views: -1 })
        .where(filter)
        .then(
          () => 'ran',
          (caught: any) => caught.code,
        );
      return { error, reads: { ...reads }, updated: await orm.db(raw).query.posts.count({ where: { views: -1 } }) };
    });
    expect(out.error).toBe('ROW_CAP_EXCEEDED');
    expect(out.updated).toBe(0);
    // u3's 5 posts, then drafts in creation order (u0, u1, u2, u3's again, u4, u5, u6): 11 rows.
    expect(out.reads).toEqual({ documents: 12, ranges: 2 });
  });
});

describe('OR across fields read through no index', () => {
  const unindexed = { OR: [{ role: 'admin' }, { name: 'u5' }] } as const;

  it('a branch no index pins leaves the OR residual over a full scan, and strict refuses it saying why', async () => {
    const t = await seeded(30, 0);
    const out = await t.run(async (raw: any) => ({
      scan: await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where: unindexed })),
      explain: orm.db(raw).query.users.findMany({ where: unindexed }).explain(),
      refused: await strictOrm
        .db(raw)
        .query.users.findMany({ where: unindexed })
        .then(
          () => 'ran',
          (error: any) => `${error.code}: ${error.message}`,
        ),
      split: await perBranch(orm.db(raw), unindexed.OR),
    }));
    expect(names(out.scan.result)).toEqual(out.split);
    expect(out.scan.reads).toEqual({ documents: 30, ranges: 1 });
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_creation_time', fullScan: true });
    expect(out.refused).toBe(
      `FULL_SCAN_FORBIDDEN: Query on "users" would scan the whole table (no index narrows it); ${advice.replace('(role, age)', '(role, name)')}, or drop strict mode.`,
    );
  });

  it('a page whose order the branches give reads the union; one whose order they do not, an index of that order', async () => {
    const t = await seeded(30, 0);
    const out = await t.run(async (raw: any) => {
      const inOrder = (ctx: any) =>
        orm
          .db(ctx)
          .query.users.paginate({ numItems: 5, cursor: null }, { where: across, orderBy: { _creationTime: 'asc' } });
      const byScore = { where: across, orderBy: { score: 'desc' } } as const;
      return {
        page: await counted(raw, inOrder),
        explain: inOrder(raw).explain(),
        strict: await strictOrm
          .db(raw)
          .query.users.paginate({ numItems: 5, cursor: null }, { where: across, orderBy: { _creationTime: 'asc' } }),
        scored: await counted(raw, (ctx) => orm.db(ctx).query.users.paginate({ numItems: 3, cursor: null }, byScore)),
        scoredExplain: orm.db(raw).query.users.paginate({ numItems: 3, cursor: null }, byScore).explain(),
        refused: await strictOrm
          .db(raw)
          .query.users.paginate({ numItems: 3, cursor: null }, byScore)
          .then(
            () => 'ran',
            (error: any) => `${error.code}: ${error.message}`,
          ),
      };
    });
    expect(names(out.page.result.page)).toEqual(['u0', 'u4', 'u5', 'u8', 'u12']);
    // The admins' range gives four rows, the age's one (and ends): no row read past the page.
    expect(out.page.reads).toEqual({ documents: 5, ranges: 2 });
    expect(out.explain).toMatchObject({
      read: 'union',
      order: 'index asc',
      page: expect.stringContaining('merged from the index key'),
    });
    expect(names(out.strict.page)).toEqual(['u0', 'u4', 'u5', 'u8', 'u12']);
    // by_score walked from the top, the OR tested on each row: u29..u24, u28 and u24 the admins among them.
    expect(out.scoredExplain).toMatchObject({ read: 'index', index: 'by_score', fullScan: true });
    expect(names(out.scored.result.page)).toEqual(['u28', 'u24', 'u20']);
    expect(out.scored.reads).toEqual({ documents: 10, ranges: 1 });
    expect(out.refused).toBe(
      `FULL_SCAN_FORBIDDEN: Query on "users" would scan the whole table (no index narrows it); ${advice}, or drop strict mode.`,
    );
  });
});
