import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  bigint,
  bytes,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  number,
  text,
} from '../../src/index';

const things = convexTable('things', { kind: text().notNull(), x: number(), b: bigint(), raw: bytes() }, (t) => [
  index('by_kind_x').on(t.kind, t.x),
  index('by_kind_b').on(t.kind, t.b),
  index('by_kind_raw').on(t.kind, t.raw),
]);
const tables = { things };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

// Pages resume after index keys holding -0 and 0, NaN, ±Infinity, null and absent floats, int64s and
// bytes, on one range and on merged `in` ranges with a `ne` complement: all pages together = findMany.
describe('pages over odd index key values', () => {
  it('resume exactly after -0/0/NaN/Infinity/null/absent, bigint and bytes keys', async () => {
    const t = convexTest(schema, modules);
    const xs = [-0, 0, NaN, Infinity, -Infinity, 1.5, -1.5, 0, -0, NaN, null, undefined];
    await t.run(async (ctx) => {
      for (const kind of ['a', 'b'])
        for (const [i, x] of xs.entries()) {
          const doc: any = { kind, b: BigInt(i % 4) - 2n, raw: new Uint8Array([i % 3, i % 2]).buffer };
          if (x !== undefined) doc.x = x;
          await ctx.db.insert('things', doc);
        }
    });
    for (const field of ['x', 'b', 'raw'])
      for (const dir of ['asc', 'desc'])
        for (const where of [
          { kind: 'a' },
          { kind: { in: ['a', 'b'] } },
          {
            kind: { in: ['a', 'b'] },
            [field]: { ne: field === 'x' ? 0 : field === 'b' ? 0n : new Uint8Array([1, 1]).buffer },
          },
        ]) {
          const config: any = { where, orderBy: { [field]: dir } };
          const all = await t.run((ctx) => orm.db(ctx).query.things.findMany(config));
          for (const n of [1, 2, 3]) {
            const got: any[] = [];
            let cursor: string | null = null;
            for (let g = 0; g < 100; g++) {
              const p: any = await t.run((ctx) => orm.db(ctx).query.things.paginate({ numItems: n, cursor }, config));
              got.push(...p.page);
              cursor = p.continueCursor;
              if (p.isDone) break;
            }
            expect(
              got.map((r) => r._id),
              JSON.stringify({ field, dir, where: Object.keys(where), n }),
            ).toEqual(all.map((r: any) => r._id));
          }
        }
  });
});
