import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, type OrmWriter } from '../../src/index';
import { docs, grants, memberships, readers, relations, schema, teams } from './softDeleteGrantsFixture';

// A rule is judged by its strictest reading, whatever the query's `withDeleted` (the caller's to
// choose) says: a relation filter that grants (an existence the rule passes on) counts live rows
// only, one under NOT counts soft-deleted rows too, and a NOT flips it at any depth. Before, under
// `withDeleted`, every relation filter of a rule counted soft-deleted rows: a revoked (soft-deleted)
// grant granted again, through two hops, under a double NOT, under NOT-relation-NOT and through a
// junction; and without it a soft-deleted denial stopped denying.
const ormWith = (docRead: Record<string, unknown>) =>
  createOrm({
    relations,
    rules: defineRules(relations, () => ({
      teams: { read: {} },
      memberships: { read: {} },
      readers: { read: {} },
      grants: { read: {} },
      docs: { read: docRead as never },
    })),
  });
const bypass = createOrm({ relations });
type Db = OrmWriter<typeof relations>;

/** One team with a live doc; `change` then revokes or archives something with the bypass db. */
async function world(change: (db: Db, ids: { team: string; doc: string }) => Promise<void>) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = bypass.db(ctx);
    const [team] = await db.insert(teams).values({ name: 'red' }).returning({ _id: teams._id });
    await db.insert(memberships).values({ teamId: team!._id, userId: 'mallory' });
    const [doc] = await db.insert(docs).values({ teamId: team!._id, body: 'plan' }).returning({ _id: docs._id });
    const [reader] = await db.insert(readers).values({ name: 'mallory' }).returning({ _id: readers._id });
    await db.insert(grants).values({ docId: doc!._id, readerId: reader!._id });
    await change(db, { team: team!._id, doc: doc!._id });
  });
  return t;
}

const revokeMembership = (db: Db) => db.delete(memberships).where({ userId: 'mallory' } as never);

/** What the rule lets the caller see of the docs: with and without withDeleted, rows and counts. */
async function seen(t: Awaited<ReturnType<typeof world>>, orm: ReturnType<typeof ormWith>) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx);
    return {
      live: (await db.query.docs.findMany({})).map((row) => row.body),
      withDeleted: (await db.query.docs.findMany({ withDeleted: true })).map((row) => row.body),
      count: await db.query.docs.count({ withDeleted: true } as never),
      select: (await db.select({ body: docs.body }).from(docs).withDeleted()).map((row) => row.body),
    };
  });
}
const NOTHING = { live: [], withDeleted: [], count: 0, select: [] };
const EVERYTHING = { live: ['plan'], withDeleted: ['plan'], count: 1, select: ['plan'] };

describe('a granting relation filter counts live rows only, at any depth', () => {
  const grant = { team: { memberships: { userId: 'mallory' } } };

  it('baseline: the live grant shows the doc', async () => {
    const t = await world(async () => {});
    expect(await seen(t, ormWith(grant))).toEqual(EVERYTHING);
  });

  it('two hops, the middle row (the team) soft-deleted: no read shows the doc (was shown under withDeleted)', async () => {
    const t = await world(async (db, ids) => {
      await db.delete(teams).where({ _id: ids.team } as never);
    });
    expect(await seen(t, ormWith(grant))).toEqual(NOTHING);
  });

  it('NOT inside NOT grants: a revoked membership shows nothing (was shown under withDeleted)', async () => {
    const t = await world(revokeMembership);
    expect(await seen(t, ormWith({ NOT: { NOT: grant } }))).toEqual(NOTHING);
  });

  it('NOT { team: { NOT: memberships } }: the inner filter grants again (was shown under withDeleted)', async () => {
    const orm = ormWith({ NOT: { team: { NOT: { memberships: { userId: 'mallory' } } } } });
    expect(await seen(await world(async () => {}), orm)).toEqual(EVERYTHING);
    expect(await seen(await world(revokeMembership), orm)).toEqual(NOTHING);
  });

  it('through a junction: a revoked (soft-deleted) link grants nothing (was shown under withDeleted)', async () => {
    const orm = ormWith({ readers: { name: 'mallory' } });
    expect(await seen(await world(async () => {}), orm)).toEqual(EVERYTHING);
    const revoked = await world(async (db) => {
      await db.delete(grants).all();
    });
    expect(await seen(revoked, orm)).toEqual(NOTHING);
  });
});

describe('a denying relation filter (under NOT) counts soft-deleted rows too, at any depth', () => {
  const blocked = { NOT: { team: { memberships: { userId: 'mallory', blocked: true } } } };
  const block = (db: Db) => db.update(memberships).set({ blocked: true }).all();

  it('a block through an archived (soft-deleted) team still hides its live doc, with or without withDeleted', async () => {
    const orm = ormWith(blocked);
    expect(await seen(await world(async () => {}), orm)).toEqual(EVERYTHING);
    const archived = await world(async (db, ids) => {
      await block(db);
      await db.delete(teams).where({ _id: ids.team } as never);
    });
    expect(await seen(archived, orm)).toEqual(NOTHING);
  });

  it('a soft-deleted block row still blocks: soft delete is not how a denial is lifted', async () => {
    const t = await world(async (db) => {
      await block(db);
      await db.delete(memberships).all();
    });
    expect(await seen(t, ormWith(blocked))).toEqual(NOTHING);
  });

  it('through a junction: a soft-deleted link still denies', async () => {
    const orm = ormWith({ NOT: { readers: { name: 'mallory' } } });
    const t = await world(async (db) => {
      await db.delete(grants).all();
    });
    expect(await seen(t, orm)).toEqual(NOTHING);
  });
});
