import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  type OrmWriter,
  text,
  timestamp,
} from '../../src/index';

// A revoked grant grants nothing on any path: a doc is readable, updatable and deletable by the
// members of its team, and Mallory's membership of team red is revoked (soft-deleted). Under
// `withDeleted` the rules' relation filters counted soft-deleted memberships, so her revoked grant
// showed red's docs in `with` loads, `_count`, relation where and orderBy, through a junction, and
// let update, hard delete and upsert match red's soft-deleted doc. The rules now read a granting
// relation filter as live rows only, whatever the query or statement sees.
const teams = convexTable('teams', { name: text().notNull() });
const memberships = convexTable(
  'memberships',
  { teamId: id('teams').notNull(), userId: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_team').on(t.teamId), deletion('soft', { column: t.deletedAt })],
);
const docs = convexTable(
  'docs',
  { teamId: id('teams').notNull(), slug: text().notNull().unique(), body: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_team').on(t.teamId), deletion('soft', { column: t.deletedAt })],
);
const folders = convexTable('folders', { name: text().notNull() });
const filings = convexTable('filings', { folderId: id('folders').notNull(), docId: id('docs').notNull() }, (t) => [
  index('by_folder').on(t.folderId),
]);
const tables = { teams, memberships, docs, folders, filings };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  teams: { memberships: r.many.memberships(), docs: r.many.docs() },
  memberships: { team: r.one.teams({ from: r.memberships.teamId, to: r.teams._id }) },
  docs: { team: r.one.teams({ from: r.docs.teamId, to: r.teams._id }) },
  folders: {
    docs: r.many.docs({ from: r.folders._id.through(r.filings.folderId), to: r.docs._id.through(r.filings.docId) }),
  },
}));
const member = { team: { memberships: { userId: 'mallory' } } };
const rules = defineRules(relations, () => ({
  teams: { read: {} },
  memberships: { read: {} },
  folders: { read: {} },
  filings: { read: {} },
  docs: { read: member, insert: {}, update: { using: member, check: member }, delete: member },
}));
const mallory = createOrm({ relations, rules });
const bypass = createOrm({ relations });
type Db = OrmWriter<typeof relations>;

/** Red (Mallory's membership revoked): a live doc and a soft-deleted one; blue (a live member): one doc. */
async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const red = await t.run(async (ctx) => {
    const db = bypass.db(ctx) as Db;
    const [red, blue] = await db
      .insert(teams)
      .values([{ name: 'red' }, { name: 'blue' }])
      .returning({ _id: teams._id });
    await db.insert(memberships).values([
      { teamId: red!._id, userId: 'mallory', deletedAt: 1 },
      { teamId: blue!._id, userId: 'mallory' },
    ]);
    const rows = await db
      .insert(docs)
      .values([
        { teamId: red!._id, slug: 'red-live', body: 'red plan' },
        { teamId: red!._id, slug: 'red-old', body: 'red old plan', deletedAt: 1 },
        { teamId: blue!._id, slug: 'blue', body: 'blue plan' },
      ])
      .returning({ _id: docs._id });
    const [folder] = await db.insert(folders).values({ name: 'all' }).returning({ _id: folders._id });
    await db.insert(filings).values(rows.map((row) => ({ folderId: folder!._id, docId: row._id })));
    return red!._id;
  });
  const as = <R>(fn: (db: Db) => PromiseLike<R>) => t.run(async (ctx) => await fn(mallory.db(ctx) as Db));
  return { t, as, red };
}

describe("withDeleted reads do not show a revoked team's docs on any path", () => {
  it('with loads and _count', async () => {
    const { as } = await world();
    const rows = await as((db) =>
      db.query.teams.findMany({
        withDeleted: true,
        orderBy: { name: 'asc' },
        columns: { name: true },
        with: { docs: { columns: { body: true } } },
        _count: { docs: true },
      }),
    );
    expect(rows).toEqual([
      { name: 'blue', docs: [{ body: 'blue plan' }], _count: { docs: 1 } },
      { name: 'red', docs: [], _count: { docs: 0 } },
    ]);
  });

  it('relation where and relation orderBy', async () => {
    const { as } = await world();
    const result = await as(async (db) => ({
      withDocs: (await db.query.teams.findMany({ withDeleted: true, where: { docs: true } })).map((row) => row.name),
      byDocCount: (
        await db.query.teams.findMany({ withDeleted: true, orderBy: { docs: 'desc(count)', name: 'desc' } })
      ).map((row) => row.name),
    }));
    expect(result).toEqual({ withDocs: ['blue'], byDocCount: ['blue', 'red'] });
  });

  it('through a junction: with, _count and relation where', async () => {
    const { as } = await world();
    const folder = await as((db) =>
      db.query.folders.findFirst({
        withDeleted: true,
        columns: { name: true },
        with: { docs: { columns: { body: true } } },
        _count: { docs: true },
      }),
    );
    expect(folder).toEqual({ name: 'all', docs: [{ body: 'blue plan' }], _count: { docs: 1 } });
    const holdingRed = await as((db) =>
      db.query.folders.count({ withDeleted: true, where: { docs: { body: 'red plan' } } } as never),
    );
    expect(holdingRed).toBe(0);
  });
});

describe("statements do not match red's soft-deleted doc through the revoked grant", () => {
  it('update().returning() matches nothing and writes nothing (was the soft-deleted doc)', async () => {
    const { t, as } = await world();
    const returned = await as((db) =>
      db.update(docs).set({ body: 'mine now' }).where({ slug: 'red-old' }).returning({ body: docs.body }),
    );
    expect(returned).toEqual([]);
    const stored = await t.run(async (ctx) =>
      bypass.db(ctx).query.docs.findFirst({ withDeleted: true, where: { slug: 'red-old' } }),
    );
    expect(stored).toMatchObject({ body: 'red old plan', deletedAt: 1 });
  });

  it('delete().hard().returning() matches nothing (was removed and returned)', async () => {
    const { t, as } = await world();
    const returned = await as((db) => db.delete(docs).hard().where({ slug: 'red-old' }).returning({ body: docs.body }));
    expect(returned).toEqual([]);
    expect(await t.run(async (ctx) => bypass.db(ctx).query.docs.count({ withDeleted: true } as never))).toBe(3);
  });

  it('an upsert conflicting with the soft-deleted doc is RULE_VIOLATION (was an update of it)', async () => {
    const { t, as, red } = await world();
    const outcome = await as((db) =>
      db
        .insert(docs)
        .values({ teamId: red, slug: 'red-old', body: 'mine now' })
        .onConflictDoUpdate({ target: docs.slug, set: { body: 'mine now' } })
        .then(
          () => 'resolved',
          (error: { code?: string }) => error.code,
        ),
    );
    expect(outcome).toBe('RULE_VIOLATION');
    const stored = await t.run(async (ctx) =>
      bypass.db(ctx).query.docs.findFirst({ withDeleted: true, where: { slug: 'red-old' } }),
    );
    expect(stored).toMatchObject({ body: 'red old plan', deletedAt: 1 });
  });
});
