import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  convexTable,
  count,
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

// Attacker: Mal. Files are tenant-scoped by a path prefix rule (`path like 'mal/%'`), a range on the leading
// field of `by_path`. docs/rules.md and docs/select.md: a join lookup's (or with load's) key outside the rule's
// range reads nothing. Folders are public; a folder outside Mal's prefix ("zzz") is one Mal can name.
const files = convexTable('files', { path: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_path').on(t.path, t.salary),
]);
const folders = convexTable('folders', { path: text().notNull() });
const schema = defineSchema({ files, folders });
const relations = defineRelations({ files, folders }, (r) => ({
  folders: { files: r.many.files({ from: r.folders.path, to: r.files.path }) },
}));
const rules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  files: { read: { path: { like: `${(await ctx.auth.getUserIdentity())?.subject ?? ''}/%` } } },
  folders: { read: {} },
}));
// A small scan budget, and a transaction with few index ranges left, so the lookups of a few keys become one
// range over their span (keyLookups / readPerParent: spanPays), as thousands of keys would by default.
const orm = createOrm({ relations, rules, scanBudget: 20, transactionBudget: { indexRanges: 6 } });

/** Mal's folders and files, plus `hidden` files of Vic's (between "mal/" and "zzz" in by_path). */
async function world(hidden: number) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const path of ['mal/a', 'mal/b', 'mal/c', 'zzz']) await ctx.db.insert('folders', { path });
    for (const path of ['mal/a', 'mal/b', 'mal/c']) await ctx.db.insert('files', { path, salary: 1 });
    for (let i = 0; i < hidden; i++) await ctx.db.insert('files', { path: `vic/${i}`, salary: 100_000 + i });
  });
  return t.withIdentity({ subject: 'mal' });
}

async function outcome<T>(run: () => Promise<T>): Promise<{ ok: T } | { error: string }> {
  try {
    return { ok: await run() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

describe("a read over the span of many keys is bounded by the rule's range on the key column, as per-key lookups are", () => {
  it("select leftJoin + groupBy: the same answer whether Vic has 0 or 40 hidden files under 'vic/'", async () => {
    const observe = async (hidden: number) => {
      const mal = await world(hidden);
      return outcome(() =>
        mal.run((ctx) =>
          orm
            .db(ctx as never)
            .select({ folder: folders.path, n: count(files._id) })
            .from(folders)
            .leftJoin(files, eq(files.path, folders.path))
            .groupBy(folders.path)
            .orderBy(asc(folders.path)),
        ),
      );
    };
    const none = await observe(0);
    expect(none).toEqual({
      ok: [
        { folder: 'mal/a', n: 1 },
        { folder: 'mal/b', n: 1 },
        { folder: 'mal/c', n: 1 },
        { folder: 'zzz', n: 0 },
      ],
    });
    // The span from "mal/a" to "zzz" reads Vic's 40 files (the rule is a residual there), past the scan budget.
    expect(await observe(40)).toEqual(none);
  });

  it('findMany with: { files: true }: the same answer whether Vic has 0 or 40 hidden files', async () => {
    const observe = async (hidden: number) => {
      const mal = await world(hidden);
      return outcome(() =>
        mal.run(async (ctx) =>
          (
            await orm
              .db(ctx as never)
              .query.folders.findMany({ orderBy: { path: 'asc' }, with: { files: { columns: { path: true } } } })
          ).map((folder) => folder.files.length),
        ),
      );
    };
    const none = await observe(0);
    expect(none).toEqual({ ok: [1, 1, 1, 0] });
    expect(await observe(40)).toEqual(none);
  });

  it('findMany _count: { files: true }: the same answer whether Vic has 0 or 40 hidden files', async () => {
    const observe = async (hidden: number) => {
      const mal = await world(hidden);
      return outcome(() =>
        mal.run(async (ctx) =>
          (
            await orm.db(ctx as never).query.folders.findMany({ orderBy: { path: 'asc' }, _count: { files: true } })
          ).map((folder) => folder._count.files),
        ),
      );
    };
    const none = await observe(0);
    expect(none).toEqual({ ok: [1, 1, 1, 0] });
    expect(await observe(40)).toEqual(none);
  });

  it('per-key lookups (ranges to spare) read none of the hidden files: the reference behaviour', async () => {
    const roomy = createOrm({ relations, rules, scanBudget: 20 });
    const mal = await world(40);
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await roomy
        .db(counted as never)
        .select({ folder: folders.path, n: count(files._id) })
        .from(folders)
        .leftJoin(files, eq(files.path, folders.path))
        .groupBy(folders.path)
        .orderBy(asc(folders.path));
      return { rows: rows.length, documents: reads.documents };
    });
    expect(read).toEqual({ rows: 4, documents: 7 });
  });
});
