// Claim check (from a review that found no bug): one walk of pages whose calls switch at random between a prepared
// paginate (`orm.query.items.paginate(config).prepare()`, executed with values) and the written query
// with those values (`orm.db(ctx).query.items.paginate`), on cursors the other made, joins to
// findMany's rows. Shapes: an equality placeholder, an `in` list (planned per execution), a residual,
// a range on the order field, a same-field OR beside a residual; ascending and descending orders
// on a nullable column holding absent, null and numbers (Convex's order: absent < null < numbers,
// docs/divergences.md); rules (object, function) with sealed cursors; soft delete; numItems 0 pages
// (docs/queries.md: "an empty page with isDone: false and a cursor at the same position") and client
// maximumRowsRead splits. Every page but the last holds numItems rows unless split; the page after
// the last row is empty and done.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  index,
  integer,
  sql,
  text,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';

const items = convexTable(
  'items',
  { status: text().notNull(), rank: integer(), flag: boolean().notNull(), deletedAt: integer() },
  (t) => [
    index('by_status_rank').on(t.status, t.rank),
    index('by_rank').on(t.rank),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { items };
const relations = defineRelations(tables, () => ({}));
const schema = defineSchema(tables);

const orms: [string, any][] = [
  ['plain', createOrm({ relations })],
  ['sealed', createOrm({ relations, cursorSecret: CURSOR_SECRET })],
  [
    'objRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ items: { read: { flag: true } } })),
    }),
  ],
  [
    'fnRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ items: { read: (row: any) => (row.rank ?? 0) % 3 !== 1 } })),
    }),
  ],
];

const P = sql.placeholder;
type Shape = { prepared: any; written: (v: any) => any; values: (r: () => number) => any };
const statuses = ['a', 'b', 'c'];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const shapes = (dir: 'asc' | 'desc'): Shape[] => [
  {
    prepared: { where: { status: P('s') }, orderBy: { rank: dir } },
    written: (v) => ({ where: { status: v.s }, orderBy: { rank: dir } }),
    values: (r) => ({ s: pick(r, statuses) }),
  },
  {
    prepared: { where: { status: { in: P('list') } }, orderBy: { rank: dir } },
    written: (v) => ({ where: { status: { in: v.list } }, orderBy: { rank: dir } }),
    values: (r) => ({ list: r() < 0.5 ? ['a', 'c'] : ['c', 'b', 'a'] }),
  },
  {
    prepared: { where: { status: P('s'), flag: P('f') }, orderBy: { rank: dir } },
    written: (v) => ({ where: { status: v.s, flag: v.f }, orderBy: { rank: dir } }),
    values: (r) => ({ s: pick(r, statuses), f: r() < 0.5 }),
  },
  {
    prepared: { where: { rank: { gte: P('lo') } }, orderBy: { rank: dir } },
    written: (v) => ({ where: { rank: { gte: v.lo } }, orderBy: { rank: dir } }),
    values: (r) => ({ lo: Math.floor(r() * 4) }),
  },
  {
    prepared: { where: { OR: [{ status: 'a' }, { status: 'c' }], flag: P('f') }, orderBy: { rank: dir } },
    written: (v) => ({ where: { OR: [{ status: 'a' }, { status: 'c' }], flag: v.f }, orderBy: { rank: dir } }),
    values: (r) => ({ f: r() < 0.5 }),
  },
  {
    prepared: { where: { status: { in: ['b', 'a'] }, rank: { lte: P('hi') } }, orderBy: { rank: dir } },
    written: (v) => ({ where: { status: { in: ['b', 'a'] }, rank: { lte: v.hi } }, orderBy: { rank: dir } }),
    values: (r) => ({ hi: 1 + Math.floor(r() * 5) }),
  },
];

async function seed(r: () => number) {
  const t = convexTest({ schema, modules, transactionLimits: true } as any);
  await t.run(async (ctx: any) => {
    for (let i = 0; i < 40; i++) {
      const x = r();
      await ctx.db.insert('items', {
        status: pick(r, statuses),
        flag: r() < 0.6,
        ...(x < 0.2 ? {} : x < 0.4 ? { rank: null } : { rank: Math.floor(r() * 6) }),
        ...(r() < 0.15 ? { deletedAt: 5 } : {}),
      });
    }
  });
  return t;
}

describe('pages switching between prepared and written paginate on one cursor chain equal findMany', () => {
  for (let s = 1; s <= 60; s++) {
    it(`seed ${s}`, async () => {
      const r = seededRandom(s * 104729 + 17);
      const t = await seed(r);
      const [ormName, orm] = pick(r, orms);
      const shapeIx = Math.floor(r() * 6);
      const dir = r() < 0.5 ? 'asc' : 'desc';
      const shape = shapes(dir)[shapeIx]!;
      const values = shape.values(r);
      const written = shape.written(values);
      const prepared = orm.query.items.paginate(shape.prepared).prepare(`p${s}`);
      const label = JSON.stringify({ s, ormName, shapeIx, dir, values });
      const want = await t.run(async (ctx: any) =>
        (await orm.db(ctx).query.items.findMany(written)).map((x: any) => x._id),
      );

      const got: string[] = [];
      let cursor: string | null = null;
      const log: any[] = [];
      let done = false;
      for (let guard = 0; guard < 120 && !done; guard++) {
        const numItems = r() < 0.15 ? 0 : 1 + Math.floor(r() * 5);
        const opts: any = { numItems, cursor };
        if (r() < 0.25) opts.maximumRowsRead = 1 + Math.floor(r() * 4);
        const usePrepared = r() < 0.5;
        const page: any = await t.run((ctx: any) =>
          usePrepared ? prepared.execute(ctx, opts, values) : orm.db(ctx).query.items.paginate(opts, written),
        );
        log.push({
          usePrepared,
          numItems,
          m: opts.maximumRowsRead,
          n: page.page.length,
          done: page.isDone,
          st: page.pageStatus,
        });
        if (numItems === 0) {
          expect(page.page, label).toEqual([]);
          expect(page.isDone, label).toBe(false);
        } else if (!page.isDone && page.pageStatus !== 'SplitRequired') {
          expect(page.page.length, `${label} ${JSON.stringify(log)}`).toBe(numItems);
        }
        got.push(...page.page.map((x: any) => x._id));
        cursor = page.continueCursor;
        done = page.isDone;
      }
      expect(done, label).toBe(true);
      expect(got, `${label} ${JSON.stringify(log)}`).toEqual(want);
      // After the end: an empty, done page from the last cursor, both ways.
      const after: any = await t.run((ctx: any) => prepared.execute(ctx, { numItems: 3, cursor }, values));
      const afterWritten: any = await t.run((ctx: any) =>
        orm.db(ctx).query.items.paginate({ numItems: 3, cursor }, written),
      );
      expect([after.page, after.isDone], label).toEqual([[], true]);
      expect([afterWritten.page, afterWritten.isDone], label).toEqual([[], true]);
    });
  }
});
