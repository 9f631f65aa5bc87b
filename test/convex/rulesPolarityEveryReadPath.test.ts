import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, eq, type OrmWriter, sql } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { docs, grants, memberships, readers, relations, schema, teams } from './softDeleteGrantsFixture';

const ormWith = (docRead: unknown, fn = false) =>
  createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, () => ({
      teams: { read: {} },
      memberships: { read: fn ? (((row: { userId: string }) => row.userId.length > 0) as never) : {} },
      readers: { read: fn ? (((row: { name: string }) => row.name.length > 0) as never) : {} },
      grants: { read: fn ? (((row: { docId: string }) => row.docId.length > 0) as never) : {} },
      docs: { read: docRead as never },
    })),
  });
const bypass = createOrm({ relations });
type Db = OrmWriter<typeof relations>;

async function world(change: (db: Db) => Promise<void>) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = bypass.db(ctx);
    const [team] = await db.insert(teams).values({ name: 'red' }).returning({ _id: teams._id });
    await db.insert(memberships).values({ teamId: team!._id, userId: 'mallory' });
    const [doc] = await db.insert(docs).values({ teamId: team!._id, body: 'plan' }).returning({ _id: docs._id });
    const [reader] = await db.insert(readers).values({ name: 'mallory' }).returning({ _id: readers._id });
    await db.insert(grants).values({ docId: doc!._id, readerId: reader!._id });
    await change(db as Db);
  });
  return t;
}

const revokeMembership = (db: Db) => db.delete(memberships).all() as never;
const revokeGrant = (db: Db) => db.delete(grants).all() as never;

async function paths(t: Awaited<ReturnType<typeof world>>, orm: ReturnType<typeof ormWith>) {
  const prepared = orm.query.docs.findMany({ withDeleted: true, where: { body: sql.placeholder('b') } }).prepare('p');
  return t.run(async (ctx) => {
    const db = orm.db(ctx) as Db;
    const out: Record<string, unknown> = {};
    const safe = async (name: string, fn: () => Promise<unknown>) => {
      try {
        out[name] = await fn();
      } catch (e) {
        out[name] = `ERR ${(e as Error).message}`;
      }
    };
    await safe('page', async () =>
      (await db.query.docs.paginate({ numItems: 5, cursor: null }, { withDeleted: true })).page.map((r) => r.body),
    );
    await safe('prepared', async () => (await prepared.execute(ctx as never, { b: 'plan' })).map((r) => r.body));
    await safe('search', async () =>
      (
        await db.query.docs.findMany({ withDeleted: true, search: { index: 'search_body', query: 'plan' } } as never)
      ).map((r: { body: string }) => r.body),
    );
    await safe('aggregate', async () => await db.query.docs.aggregate({ withDeleted: true, _count: true } as never));
    await safe(
      'groupBy',
      async () => await db.query.docs.groupBy({ withDeleted: true, by: ['teamId'], _count: true } as never),
    );
    await safe('selectJoin', async () =>
      (
        await db
          .select({ name: teams.name, body: docs.body })
          .from(teams)
          .leftJoin(docs, eq(docs.teamId, teams._id))
          .withDeleted()
      ).map((r) => r.body),
    );
    await safe('readerDocs', async () =>
      (await db.query.readers.findMany({ withDeleted: true, with: { docs: { columns: { body: true } } } })).map(
        (r) => r.docs.length,
      ),
    );
    await safe('readerCount', async () =>
      (await db.query.readers.findMany({ withDeleted: true, _count: { docs: true } })).map((r) => r._count.docs),
    );
    await safe('grantDoc', async () =>
      (await db.query.grants.findMany({ withDeleted: true, with: { doc: true } })).map((r) => r.doc?.body ?? null),
    );
    await safe(
      'grantWhere',
      async () => (await db.query.grants.findMany({ withDeleted: true, where: { doc: true } })).length,
    );
    await safe('first', async () => (await db.query.docs.findFirst({ withDeleted: true }))?.body ?? null);
    return out;
  });
}

const NOTHING = {
  aggregate: { _count: 0 },
  first: null,
  grantDoc: [null],
  grantWhere: 0,
  groupBy: [],
  page: [],
  prepared: [],
  readerCount: [0],
  readerDocs: [0],
  search: [],
  selectJoin: [null],
};

// Review checks of 83ccf98 (rules read by polarity whatever withDeleted says) on the read paths the
// commit's own tests leave out: paginate, prepared queries, search, aggregate/groupBy (the aggregate
// index cannot serve a ruled read), db.select() leftJoin, a through relation loaded and counted from
// the other side, a `one` load and relation where; object rules and function rules on the related tables.
describe('under withDeleted every read path judges the rule by polarity', () => {
  for (const fn of [false, true]) {
    const kind = fn ? 'function rules on the related tables' : 'object rules';
    it(`${kind}: a revoked (soft-deleted) membership grants nothing`, async () => {
      const orm = ormWith({ team: { memberships: { userId: 'mallory' } } }, fn);
      expect(await paths(await world(revokeMembership), orm)).toEqual(NOTHING);
    });
    it(`${kind}: a revoked (soft-deleted) junction link grants nothing`, async () => {
      const orm = ormWith({ readers: { name: 'mallory' } }, fn);
      expect(await paths(await world(revokeGrant), orm)).toEqual(NOTHING);
    });
    it(`${kind}: a soft-deleted junction link still denies (NOT, and { readers: false })`, async () => {
      expect(await paths(await world(revokeGrant), ormWith({ NOT: { readers: { name: 'mallory' } } }, fn))).toEqual(
        NOTHING,
      );
      expect(await paths(await world(revokeGrant), ormWith({ readers: false }, fn))).toEqual(NOTHING);
    });
  }

  it('baseline: the live grant shows the doc on every path', async () => {
    const orm = ormWith({ team: { memberships: { userId: 'mallory' } } });
    const seen = await paths(await world(async () => {}), orm);
    expect({ ...seen, groupBy: (seen.groupBy as unknown[]).length }).toEqual({
      aggregate: { _count: 1 },
      first: 'plan',
      grantDoc: ['plan'],
      grantWhere: 1,
      groupBy: 1,
      page: ['plan'],
      prepared: ['plan'],
      readerCount: [1],
      readerDocs: [1],
      search: ['plan'],
      selectJoin: ['plan'],
    });
  });

  it("explain() reads a rule's junction by polarity, whatever withDeleted says", async () => {
    const orm = ormWith({ readers: { name: 'mallory' }, NOT: { readers: { name: 'x' } } });
    const t = await world(async () => {});
    const junctions = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return [true, false].map((withDeleted) => {
        const exists = db.query.docs.findMany({ withDeleted }).explain().exists as Record<
          string,
          { junction: { residual: string | null } }
        >;
        return [exists.readers!.junction.residual, exists['readers#1']!.junction.residual];
      });
    });
    expect(junctions).toEqual([
      ['deletedAt is null', null],
      ['deletedAt is null', null],
    ]);
  });
});
