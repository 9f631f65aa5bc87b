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

// rulesRangeRuleEqualityWhere.test.ts: a where equality outside the range a rule allows on the same
// field reads nothing. So does the same condition written as a range (`{ gte: x, lte: x }`, any
// interval): every range condition on a field is intersected (src/planner/fieldRange.ts), the rule's
// `like` / `ne` with the where's, so no hidden row inside the where's interval is read and rejected
// (with maximumRowsRead: 1, a page would tell whether Vic has a file at a guessed path), and a
// narrower where prefix inside the tenant reads its own rows, not the whole tenant.
const files = convexTable(
  'files',
  { path: text().notNull(), status: text().notNull(), salary: integer().notNull() },
  (t) => [index('by_path').on(t.path, t.salary), index('by_status').on(t.status, t.salary)],
);
const schema = defineSchema({ files });
const relations = defineRelations({ files });
const orm = (read: (who: string) => Record<string, unknown>) =>
  createOrm({
    relations,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
      files: { read: read((await ctx.auth.getUserIdentity())?.subject ?? '') as never },
    })),
    cursorSecret: CURSOR_SECRET,
  });
const tenant = orm((who) => ({ path: { like: `${who}/%` } }));
const notArchived = orm(() => ({ status: { ne: 'archived' } }));

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const salary of [120_000, 150_000, 180_000]) {
      await ctx.db.insert('files', { path: 'vic/payroll', status: 'archived', salary });
    }
    for (let i = 0; i < 40; i++) {
      await ctx.db.insert('files', { path: `mal/docs/${String(i).padStart(2, '0')}`, status: 'live', salary: i });
    }
    await ctx.db.insert('files', { path: 'mal/payroll/0', status: 'live', salary: 1 });
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

describe("a where range on the rule's own field is intersected with the rule's range, as a where equality is", () => {
  it("tenant rule (path like 'mal/%'): where { path: { gte: 'vic/payroll', lte: 'vic/payroll' } } reads none of Vic's rows", async () => {
    // Same rows as where { path: 'vic/payroll' }, which reads 0 documents.
    expect(await documentsRead(tenant, { path: { gte: 'vic/payroll', lte: 'vic/payroll' } })).toEqual({
      rows: 0,
      documents: 0,
    });
  });

  it("rule status ne 'archived': where { status: { gte: 'archived', lte: 'archived' } } reads no archived row", async () => {
    expect(await documentsRead(notArchived, { status: { gte: 'archived', lte: 'archived' } })).toEqual({
      rows: 0,
      documents: 0,
    });
  });

  it('a page with maximumRowsRead: 1 answers alike whether Vic has a file at the guessed path or not (no existence oracle)', async () => {
    const mal = await world();
    const page = (path: string) =>
      mal.run(async (ctx) => {
        const result = await tenant
          .db(ctx as never)
          .query.files.paginate(
            { numItems: 1, cursor: null, maximumRowsRead: 1 },
            { where: { path: { gte: path, lte: path } } },
          );
        return { rows: result.page.length, isDone: result.isDone, pageStatus: result.pageStatus ?? null };
      });
    const missing = await page('vic/no-such-file');
    const present = await page('vic/payroll');
    expect(missing).toEqual({ rows: 0, isDone: true, pageStatus: null });
    expect(present).toEqual(missing);
  });

  it("tenant rule: a where prefix inside the tenant (like 'mal/payroll/%') reads its own rows, not the whole tenant", async () => {
    // The rule's conditions come first in the filter since 964c2d6, so the rule's like is the range read
    // and the narrower where like is residual: 41 documents for 1 row (the where's own range: 1).
    expect(await documentsRead(tenant, { path: { like: 'mal/payroll/%' } })).toEqual({ rows: 1, documents: 1 });
  });
});
