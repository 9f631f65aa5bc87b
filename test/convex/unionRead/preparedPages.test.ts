import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql, text } from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// A prepared query planned once as a union (the placeholder on an unindexed column beside an OR
// across fields), its branches bound per execution (bind.ts: a branch its own conditions rule out
// for the value is dropped): pages and rows agree with the same query with the value written in,
// including a value that drops one branch, or every branch.
const P = sql.placeholder;
const items = convexTable('items', { u: text(), a: text(), b: integer(), n: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

describe('prepared union pages', () => {
  it('agree with unprepared pages for values dropping no, one or every branch', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 40; i++)
        await ctx.db.insert('items', { u: ['k', 'z', 'q'][i % 3], a: ['x', 'y'][i % 2], b: i % 4, n: i });
    });
    const config = {
      where: {
        u: P('u'),
        OR: [
          { a: 'x', u: { in: ['k', 'q'] } },
          { b: 1, u: { in: ['k', 'z'] } },
        ],
      },
    } as any;
    const prepared = (orm.query as any).items.paginate(config).prepare('pages');
    const preparedMany = (orm.query as any).items.findMany(config).prepare('many');
    for (const u of ['k', 'z', 'q', 'none']) {
      const plain = {
        where: {
          u,
          OR: [
            { a: 'x', u: { in: ['k', 'q'] } },
            { b: 1, u: { in: ['k', 'z'] } },
          ],
        },
      } as any;
      const walk = async (page: (cursor: string | null) => Promise<any>) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 20; i++) {
          const res = await page(cursor);
          ids.push(...res.page.map((r: any) => r._id));
          if (res.isDone) return ids;
          cursor = res.continueCursor;
        }
        throw new Error('pages did not end');
      };
      const out = await t.run(async (raw: any) => {
        const p = await walk((cursor) => prepared.execute(raw, { numItems: 3, cursor }, { u }));
        const q = await walk((cursor) => (orm.db(raw).query.items as any).paginate({ numItems: 3, cursor }, plain));
        const c = countReads(raw);
        const many = await preparedMany.execute(c.ctx, { u });
        const d = countReads(raw);
        const manyPlain = await orm.db(d.ctx).query.items.findMany(plain);
        const ex = preparedMany.explain({ u });
        delete ex.prepared;
        return {
          p,
          q,
          many: many.map((r: any) => r._id),
          manyPlain: manyPlain.map((r: any) => r._id),
          r1: { ...c.reads },
          r2: { ...d.reads },
          ex,
          exPlain: orm.db(raw).query.items.findMany(plain).explain(),
        };
      });
      expect(out.p, u).toEqual(out.q);
      expect(out.many, u).toEqual(out.manyPlain);
      expect(out.r1, u).toEqual(out.r2);
      expect(out.ex, u).toEqual(out.exPlain);
    }
  });
});
