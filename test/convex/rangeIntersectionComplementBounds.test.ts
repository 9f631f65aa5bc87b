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

// A long `notIn` beside a field's bounds (a rule's `like` prefix, a where's `gte`/`lte`): the bounds
// are the read, one range under each equality prefix, and the `notIn` is tested in memory. It is
// never intersected into more ranges than a read may open (under an `in` prefix, or resumed by a
// later page) at the cost of the bounds, which would walk every row of the field (another
// tenant's too), nor into a range per excluded value where the bounds alone are one range.
const files = convexTable(
  'files',
  { path: text().notNull(), status: text().notNull(), level: integer().notNull() },
  (t) => [
    index('by_status_path').on(t.status, t.path),
    index('by_status_level').on(t.status, t.level),
    index('by_level').on(t.level),
  ],
);
const schema = defineSchema({ files });
const relations = defineRelations({ files });
const tenant = createOrm({
  relations,
  rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
    files: { read: { path: { like: `${(await ctx.auth.getUserIdentity())?.subject ?? ''}/%` } } as never },
  })),
});
const plain = createOrm({ relations });

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    // Vic's rows: another tenant, and (for the plain case) levels far outside the where's bounds.
    for (let i = 0; i < 60; i++) {
      await ctx.db.insert('files', { path: `vic/${i}`, status: i % 2 ? 'live' : 'archived', level: 50_000 + i });
    }
    for (let i = 0; i < 4; i++) {
      await ctx.db.insert('files', { path: `mal/${i}`, status: i % 2 ? 'live' : 'archived', level: i });
    }
  });
  return t.withIdentity({ subject: 'mal' });
}

// 2,100 values inside the tenant's prefix (and inside [0, 10000]): 2,101 intervals, x 2 statuses = 4,202 ranges.
const excludedPaths = Array.from({ length: 2100 }, (_, i) => `mal/x${String(i).padStart(4, '0')}`);
const excludedLevels = Array.from({ length: 2100 }, (_, i) => 100 + i);

describe('a long notIn inside a range, under an `in` prefix, keeps the range it fits in', () => {
  it("tenant rule (path like 'mal/%'): status in 2 values, path notIn 2,100 tenant paths reads none of Vic's rows", async () => {
    const mal = await world();
    const result = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await tenant.db(counted as never).query.files.findMany({
        where: { status: { in: ['live', 'archived'] }, path: { notIn: excludedPaths } },
      });
      return { rows: rows.length, documents: reads.documents };
    });
    // Mal's 4 rows; reading status x [mal/, mal0) (2 ranges) with the notIn residual reads exactly them.
    // Actual: the range is dropped, status in ['live', 'archived'] is read whole: 64 documents, Vic's 60 among them.
    expect(result).toEqual({ rows: 4, documents: 4 });
  });

  it('no rule: status in 2 values, level gte 0 lte 10000 notIn 2,100 values reads only rows within [0, 10000]', async () => {
    const mal = await world();
    const result = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await plain.db(counted as never).query.files.findMany({
        where: { status: { in: ['live', 'archived'] }, level: { gte: 0, lte: 10_000, notIn: excludedLevels } },
      });
      return { rows: rows.length, documents: reads.documents };
    });
    // The comparisons are the read (2 ranges, 4 documents), not a walk of the whole of by_status_level.
    expect(result).toEqual({ rows: 4, documents: 4 });
  });

  it('no rule, a page: level gte 0 lte 10000 notIn 3,999 values reads only rows within [0, 10000]', async () => {
    const mal = await world();
    const manyLevels = Array.from({ length: 3999 }, (_, i) => 100 + i);
    const result = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const page = await plain
        .db(counted as never)
        .query.files.paginate(
          { numItems: 100, cursor: null },
          { where: { level: { gte: 0, lte: 10_000, notIn: manyLevels } }, orderBy: { level: 'asc' } },
        );
      return { rows: page.page.length, documents: reads.documents };
    });
    // 4,000 intervals fit a first read, but a later page resumes past MAX_RANGES (evaluatePaged), so the
    // whole range is left residual, [0, 10000] with it: the page walks by_level from the start to the end
    // (64 documents). Reading [0, 10000] as one range with the notIn residual reads the 4 rows.
    expect(result).toEqual({ rows: 4, documents: 4 });
  });

  it('no rule: two reads of level gte 0 lte 10000 notIn 2,100 values in one transaction run (each 1 range)', async () => {
    const mal = await world();
    const outcome = await mal.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = plain.db(counted as never);
      const where = { level: { gte: 0, lte: 10_000, notIn: excludedLevels } };
      try {
        const a = await db.query.files.findMany({ where });
        const b = await db.query.files.findMany({ where });
        return { rows: a.length + b.length, ranges: reads.ranges };
      } catch (error) {
        return { error: (error as { code?: string }).code };
      }
    });
    // Each read now opens 2,101 index ranges (the notIn's gaps inside [0, 10000]) where the bounds alone
    // are 1 range holding the same 4 rows: the second read fails with SCAN_BUDGET_EXCEEDED (4,000 ranges).
    expect(outcome).toEqual({ rows: 8, ranges: 2 });
  });
});
