import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const items = convexTable('items', { status: text().notNull(), level: integer().notNull() }, (t) => [
  index('by_status_level').on(t.status, t.level),
]);
const schema = defineSchema({ items });
const relations = defineRelations({ items });
const orm = createOrm({ relations });

// 250 status prefixes x 16 intervals (bounds minus 15 notIn values) fit a first read (4,000 ranges)
// but not a resumed page (evaluatePaged), so a page reads the one-interval core per prefix with the
// notIn residual. Pages walked by cursor must equal findMany, and every page must read the same core ranges.
describe('paginate when the plan falls back to the core', () => {
  it('pages resumed on the core equal findMany, with the notIn residual', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      for (let s = 0; s < 6; s++)
        for (let l = 0; l < 30; l += 1) await ctx.db.insert('items', { status: `s${s}`, level: l });
    });
    const statuses = Array.from({ length: 250 }, (_, i) => `s${i}`);
    const where = {
      status: { in: statuses },
      level: { gte: 2, lte: 28, notIn: [3, 4, 5, 7, 9, 11, 13, 15, 17, 19, 21, 22, 23, 24, 25] },
    };
    for (const orderBy of [undefined, { level: 'asc' as const }]) {
      const out = await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const all = await db.query.items.findMany({ where, ...(orderBy ? { orderBy } : {}) } as never);
        const ex = await db.query.items
          .paginate({ numItems: 7, cursor: null }, { where, ...(orderBy ? { orderBy } : {}) } as never)
          .explain();
        return { all: (all as any[]).map((r) => `${r.status}:${r.level}`), ex };
      });
      const paged: string[] = [];
      let cursor: string | null = null;
      let maxDocs = 0;
      for (let i = 0; i < 100; i++) {
        const res = await t.run(async (ctx) => {
          const { ctx: counted, reads } = countReads(ctx);
          const p = await orm
            .db(counted as never)
            .query.items.paginate({ numItems: 7, cursor }, { where, ...(orderBy ? { orderBy } : {}) } as never);
          return { p, docs: reads.documents, ranges: reads.ranges };
        });
        maxDocs = Math.max(maxDocs, res.docs);
        paged.push(...(res.p.page as any[]).map((r) => `${r.status}:${r.level}`));
        if (res.p.isDone) break;
        cursor = res.p.continueCursor;
      }
      const ex = out.ex as { readonly ranges: readonly string[]; readonly residual: string };
      expect(ex.ranges.length).toBe(250);
      expect(ex.ranges[0]).toBe('status = "s0", level >= 2, level <= 28');
      expect(ex.residual).toContain('level not in');
      expect(maxDocs).toBeLessThanOrEqual(6 * 27);
      expect(out.all.length).toBe(6 * 12);
      expect(paged).toEqual(out.all);
    }
  });
});
