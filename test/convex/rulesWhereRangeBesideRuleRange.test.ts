import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';

// Attacker: Mal. The tenant rule is a prefix range on the leading field of `by_path`, the shape docs/rules.md
// says bounds a page's walk ("A rule's range on that field ... bounds the walk alike"). Mal's where is a range
// on the same field, not an equality: the walk must still stay inside "mal/".."mal0".
const files = convexTable('files', { path: text().notNull(), salary: integer().notNull() }, (t) => [
  index('by_path').on(t.path, t.salary),
]);
const schema = defineSchema({ files });
const relations = defineRelations({ files });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  files: { read: { path: { like: `${(await ctx.auth.getUserIdentity())?.subject ?? ''}/%` } } },
}));
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

/** Mal's file, and Vic's hidden one at `vicPath` (or none). */
async function world(vicPath: string | null) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('files', { path: 'mal/notes', salary: 1 });
    if (vicPath) await ctx.db.insert('files', { path: vicPath, salary: 180_000 });
  });
  return t.withIdentity({ subject: 'mal' });
}

describe("a where range on the rule's own range field", () => {
  it("a page bounded by maximumRowsRead answers alike whether Vic has a file named 'vic/layoffs-2025' or none", async () => {
    // Mal probes "is there a file whose path is in [vic/layoffs, vic/layofft)?", one row read a page.
    const page = async (vicPath: string | null) => {
      const mal = await world(vicPath);
      return mal.run(async (ctx) => {
        const result = await orm
          .db(ctx as never)
          .query.files.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { where: { path: { gte: 'vic/layoffs', lt: 'vic/layofft' } } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    };
    const absent = await page(null);
    expect(absent).toEqual({ rows: 0, isDone: true, pageStatus: null });
    // Today the walk is the where's range [vic/layoffs, vic/layofft) with the rule a residual: it reads Vic's
    // hidden row and stops SplitRequired, so Mal learns the file exists (and bisects its name).
    expect(await page('vic/layoffs-2025')).toEqual(absent);
  });

  it("a rule hiding archived rows (status ne 'archived'): a where range pinning 'archived' walks no archived row", async () => {
    // The same with the complement range a `ne` rule makes, on the leading field of `by_status (status, salary)`:
    // Mal bisects a hidden archived row's salary with `status between 'archived' and 'archived', salary > x`.
    const accounts = convexTable('accounts', { status: text().notNull(), salary: integer().notNull() }, (t) => [
      index('by_status').on(t.status, t.salary),
    ]);
    const accountRelations = defineRelations({ accounts });
    const notArchived = createOrm({
      relations: accountRelations,
      rules: defineRules(accountRelations, () => ({ accounts: { read: { status: { ne: 'archived' } } } })),
      cursorSecret: CURSOR_SECRET,
    });
    const t = convexTest({ schema: defineSchema({ accounts }), modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('accounts', { status: 'live', salary: 1 });
      await ctx.db.insert('accounts', { status: 'archived', salary: 180_000 });
    });
    const page = (threshold: number) =>
      t.run(async (ctx) => {
        const result = await notArchived
          .db(ctx as never)
          .query.accounts.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { where: { status: { gte: 'archived', lte: 'archived' }, salary: { gt: threshold } } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    const above200k = await page(200_000);
    expect(above200k).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(await page(160_000)).toEqual(above200k);
  });

  it("findMany where { path: { gte: 'n' } } reads none of Vic's rows (the walk is the rule's range, intersected)", async () => {
    const mal = await world('vic/payroll');
    const read = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm.db(counted as never).query.files.findMany({ where: { path: { gte: 'n' } } });
      return { rows: rows.length, documents: reads.documents };
    });
    // 'n' > 'mal0': no row can pass both; Mal's equality-shaped probe reads nothing (rulesRangeRuleEqualityWhere).
    expect(read).toEqual({ rows: 0, documents: 0 });
  });
});
