import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  index,
  integer,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';

// Each tenant's files live under its own path prefix ("mal/…"); the read rule is that prefix, a range on the
// leading field of `by_path (path, salary)`. Clearance levels: a user reads documents at or below their level,
// a range on the leading field of `by_level (level, salary)`. Archived rows are hidden from everyone (`ne`).
const files = convexTable(
  'files',
  {
    path: text().notNull(),
    level: integer().notNull(),
    status: text().notNull(),
    salary: integer().notNull(),
  },
  (t) => [
    index('by_path').on(t.path, t.salary),
    index('by_level').on(t.level, t.salary),
    index('by_status').on(t.status, t.salary),
  ],
);
// Folders are readable by everyone; a folder's files are those under its path.
const folders = convexTable('folders', { path: text().notNull() });
const schema = defineSchema({ files, folders });
const relations = defineRelations({ files, folders }, (r) => ({
  folders: { files: r.many.files({ from: r.folders.path, to: r.files.path }) },
}));
const orm = (read: (who: string) => Record<string, unknown>) =>
  createOrm({
    relations,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
      files: { read: read((await ctx.auth.getUserIdentity())?.subject ?? '') as never },
    })),
    cursorSecret: CURSOR_SECRET,
  });
const tenant = orm((who) => ({ path: { like: `${who}/%` } }));
const clearance = orm(() => ({ level: { lte: 2 } }));
const notArchived = orm(() => ({ status: { ne: 'archived' } }));

/** Vic's three hidden files (salaries 120k, 150k, 180k: path vic/payroll, level 5, archived) and Mal's own one. */
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const salary of [120_000, 150_000, 180_000]) {
      await ctx.db.insert('files', { path: 'vic/payroll', level: 5, status: 'archived', salary });
    }
    await ctx.db.insert('files', { path: 'mal/notes', level: 1, status: 'live', salary: 10 });
    for (const path of ['vic/payroll', 'mal/notes']) await ctx.db.insert('folders', { path });
  });
  return t.withIdentity({ subject: 'mal' });
}

type Orm = typeof tenant;
async function documentsRead(db: Orm, where: Record<string, unknown>) {
  const mal = await world();
  return mal.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    const rows = await db.db(counted as never).query.files.findMany({ where: where as never });
    return { rows: rows.length, documents: reads.documents };
  });
}

describe("a where equality outside the range a rule allows on the same field (the rule's range beside the where's equality)", () => {
  // A row can pass `path = 'vic/payroll' AND path LIKE 'mal/%'` for no value: like two contradicting equalities
  // (rulesEqualityRangeOracle.test.ts), the plan reads nothing. The where's equality used to be read
  // (`ranges: ['path = "vic/payroll"']`) with the rule a residual: Vic's 3 hidden rows were read and rejected.
  it('a tenant prefix rule (path like "mal/%"): where { path: "vic/payroll" } reads none of Vic\'s rows', async () => {
    expect(await documentsRead(tenant, { path: 'vic/payroll' })).toEqual({ rows: 0, documents: 0 });
    const explained = await (await world()).run(async (ctx) => {
      const db = tenant.db(ctx as never);
      await db.query.files.findFirst();
      return db.query.files.findMany({ where: { path: 'vic/payroll' } }).explain();
    });
    expect(explained).toMatchObject({ read: 'none', ranges: [] });
  });

  it('a clearance rule (level <= 2): where { level: 5 } reads no level-5 row', async () => {
    expect(await documentsRead(clearance, { level: 5 })).toEqual({ rows: 0, documents: 0 });
  });

  it('a clearance rule (level <= 2): where { level: { in: [1, 5] } } reads only the level-1 row', async () => {
    expect(await documentsRead(clearance, { level: { in: [1, 5] } })).toEqual({ rows: 1, documents: 1 });
  });

  it('a rule hiding archived rows (status ne "archived"): where { status: "archived" } reads no archived row', async () => {
    expect(await documentsRead(notArchived, { status: 'archived' })).toEqual({ rows: 0, documents: 0 });
  });

  it("a page bounded by maximumRowsRead answers alike whatever Vic's hidden salaries are (no bisection oracle)", async () => {
    const mal = await world();
    const page = (threshold: number) =>
      mal.run(async (ctx) => {
        const result = await tenant
          .db(ctx as never)
          .query.files.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { where: { path: 'vic/payroll', salary: { gt: threshold } } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    // Vic's top hidden salary is 180,000. The page over 160,000 used to read that row (by_path, path = "vic/payroll",
    // salary > 160000), reject it and stop SplitRequired, while the page over 200,000 read nothing and was done:
    // Mal bisects Vic's salary. Both must be the same empty last page.
    const above200k = await page(200_000);
    const above160k = await page(160_000);
    expect(above200k).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(above160k).toEqual(above200k);
  });

  it("a with load keyed by a parent's value outside the rule's range (bound per parent) reads none of Vic's rows", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const folders = await tenant.db(counted as never).query.folders.findMany({ with: { files: true } });
      return { files: folders.map((folder) => folder.files.length), documents: reads.documents };
    });
    // 2 folders + Mal's one file. The load of the "vic/payroll" folder used to read Vic's 3 files to reject them
    // (5 + 1 = 6 documents read, though no row of that key can pass `path like "mal/%"`).
    expect(read).toEqual({ files: [0, 1], documents: 3 });
    // explain() shows the per-parent read by the key, and the range a key must fall in to read anything.
    const explained = await mal.run(async (ctx) => {
      const db = tenant.db(ctx as never);
      await db.query.files.findFirst();
      return db.query.folders.findMany({ with: { files: true } }).explain();
    });
    expect(explained.with?.files).toMatchObject({
      ranges: ['path = "?"'],
      residual: null,
      boundWithin: ['path >= "mal/" and path < "mal0"'],
    });
  });

  it("a join's lookup keyed by a row's value outside the rule's range (bound per row) reads none of Vic's rows", async () => {
    const mal = await world();
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await tenant
        .db(counted as never)
        .select({ folder: folders.path, salary: files.salary })
        .from(folders)
        .leftJoin(files, eq(files.path, folders.path))
        .orderBy(asc(folders.path));
      return { rows, documents: reads.documents };
    });
    expect(read.rows).toEqual([
      { folder: 'mal/notes', salary: 10 },
      { folder: 'vic/payroll', salary: null },
    ]);
    // 2 folders + Mal's file. The lookup for "vic/payroll" used to read Vic's 3 files to reject them (6).
    expect(read.documents).toBe(3);
    const explained = await mal.run(async (ctx) => {
      const db = tenant.db(ctx as never);
      await db.query.files.findFirst();
      return db.select().from(folders).leftJoin(files, eq(files.path, folders.path)).explain();
    });
    expect(explained.joins[0]).toMatchObject({
      ranges: ['path = ?'],
      boundWithin: ['path >= "mal/" and path < "mal0"'],
    });
  });
});
