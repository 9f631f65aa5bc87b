import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  integer,
  text,
  timestamp,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';

const items = convexTable('items', { a: text(), b: text(), n: integer(), deletedAt: timestamp() }, (t) => [
  index('by_a').on(t.a, t.deletedAt),
  index('by_b').on(t.b, t.deletedAt),
  index('by_a2').on(t.a),
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

// Union pages of a soft-deleting table: the live rows' isNull read in each branch, withDeleted, desc:
// concatenated pages equal findMany.
describe('union pages of a soft-deleting table', () => {
  it('agree with findMany, live rows only or withDeleted', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 30; i++)
        await ctx.db.insert('items', {
          a: `a${i % 3}`,
          b: `b${i % 4}`,
          n: i,
          ...(i % 5 === 0 ? { deletedAt: 5 } : i % 2 ? { deletedAt: null } : {}),
        });
    });
    for (const extra of [
      {},
      { withDeleted: true },
      { orderBy: { _creationTime: 'desc' } },
      { withDeleted: true, orderBy: { _creationTime: 'desc' } },
    ]) {
      const config = { where: { OR: [{ a: 'a1' }, { b: 'b2' }] }, ...extra } as any;
      const out = await t.run(async (raw: any) => {
        const db = orm.db(raw);
        const e = (() => {
          try {
            return db.query.items.paginate({ numItems: 3, cursor: null }, config).explain();
          } catch (e: any) {
            return e.code;
          }
        })();
        const fe = db.query.items.findMany(config).explain();
        const all = (await db.query.items.findMany(config)).map((r: any) => r.n);
        const pages: number[] = [];
        let cursor: string | null = null;
        const { ctx, reads } = countReads(raw);
        for (let i = 0; i < 30; i++) {
          const p: any = await orm
            .db(ctx)
            .query.items.paginate({ numItems: 3, cursor }, config)
            .catch((e: any) => ({ page: [], isDone: true, err: e.code }));
          pages.push(...p.page.map((r: any) => r.n));
          cursor = p.continueCursor;
          if (p.isDone) break;
        }
        return {
          e: typeof e === 'string' ? e : [e.read, e.order, e.ranges],
          fe: [fe.read, fe.order, fe.ranges],
          all,
          pages,
          reads: { ...reads },
        };
      });
      expect(out.pages).toEqual(out.all);
    }
  });
});
