// Reads that open several index ranges (NOT of a comparison, a same-field OR of ranges) under the
// limits. docs/queries.md, Limits: past a budget the
// ORM throws a typed OrmError before Convex's own error, details naming the budget; docs/mutations.md:
// nothing half-written. For reads and writes whose where opens 4-6 ranges (an `in` of 2 values x an
// OR of 3 ranges / notBetween / NOT of an AND), relation loads, _count, relation filters, selects,
// joins, $count, groupBy, pages and a prepared query, the transaction first spends k ranges (or
// documents) by db.get, k = 0..limit, under a lowered Convex limit: every outcome is success or a
// typed error with details.budget, and a failed write statement changed no row.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  aggregateIndex,
  and,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  gt,
  id,
  inArray,
  index,
  integer,
  lt,
  not,
  notBetween,
  type OrmWriter,
  or,
  sql,
  text,
} from '../../src/index';

const groups = convexTable('groups', { name: text().notNull() });
const items = convexTable(
  'items',
  { g: text().notNull(), a: integer(), groupId: id('groups').references((): AnyColumn => groups._id) },
  (t) => [
    index('by_g_a').on(t.g, t.a),
    index('by_group_a').on(t.groupId, t.a),
    aggregateIndex('agg_g_a').on(t.g, t.a).count(),
  ],
);
const tables = { groups, items };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  groups: { items: r.many.items({ from: r.groups._id, to: r.items.groupId }) },
  items: { group: r.one.groups({ from: r.items.groupId, to: r.groups._id }) },
}));
const orm = createOrm({ relations });

const OR3 = { OR: [{ lt: 1 }, { gt: 8 }, { eq: 5 }] };
const W = { g: { in: ['x', 'y'] }, a: OR3 };
const W2 = { NOT: { a: { gte: 2, lte: 7 } }, g: { in: ['x', 'y'] } };

type Db = OrmWriter<typeof relations>;
const PREP = orm.query.items
  .findMany({
    where: {
      g: { in: ['x', 'y'] },
      a: { OR: [{ lt: sql.placeholder('lo') }, { gt: sql.placeholder('hi') }] },
    },
  })
  .prepare('p');
const ops: [string, (db: Db) => Promise<unknown>][] = [
  ['findMany', (db) => db.query.items.findMany({ where: W as never })],
  ['findMany NOT', (db) => db.query.items.findMany({ where: W2 as never })],
  ['findMany desc limit', (db) => db.query.items.findMany({ where: W as never, orderBy: { a: 'desc' }, limit: 2 })],
  ['findFirst', (db) => db.query.items.findFirst({ where: W as never })],
  ['count', (db) => db.query.items.count({ where: W as never })],
  ['aggregate', (db) => db.query.items.aggregate({ where: W as never, _count: true } as never)],
  [
    'paginate',
    async (db) => {
      let cursor: string | null = null;
      const out = [];
      for (let i = 0; i < 4; i++) {
        const p: any = await db.query.items.paginate(
          { numItems: 3, cursor, maximumRowsRead: 4 } as never,
          { where: W as never, orderBy: { a: 'asc' } } as never,
        );
        out.push(p.page.length);
        if (p.isDone) break;
        cursor = p.continueCursor;
      }
      return out;
    },
  ],
  ['with', (db) => db.query.groups.findMany({ with: { items: { where: { a: OR3 } as never } } })],
  ['with limit', (db) => db.query.groups.findMany({ with: { items: { where: { a: OR3 } as never, limit: 1 } } })],
  ['_count', (db) => db.query.groups.findMany({ _count: { items: { where: { a: OR3 } as never } } } as never)],
  ['relation filter', (db) => db.query.groups.findMany({ where: { items: { a: OR3 } } as never })],
  [
    'select',
    (db) =>
      db
        .select()
        .from(items)
        .where(and(inArray(items.g, ['x', 'y']), notBetween(items.a, 1, 8))),
  ],
  ['$count', (db) => db.$count(items, and(inArray(items.g, ['x', 'y']), notBetween(items.a, 1, 8)))],
  [
    'select groupBy',
    (db) =>
      db
        .select({ g: items.g, n: count() })
        .from(items)
        .where(and(inArray(items.g, ['x', 'y']), notBetween(items.a, 1, 8)))
        .groupBy(items.g),
  ],
  [
    'findMany offset',
    (db) => db.query.items.findMany({ where: W as never, orderBy: { a: 'asc' }, offset: 2, limit: 3 }),
  ],
  ['prepared', (db) => PREP.execute({ db } as never, { lo: 1, hi: 8 })],
  ['with groups one', (db) => db.query.items.findMany({ where: W as never, with: { group: true } })],
  [
    'select join',
    (db) =>
      db
        .select()
        .from(groups)
        .innerJoin(items, and(eq(items.groupId, groups._id), or(lt(items.a, 1), gt(items.a, 8)))!),
  ],
];
const writes: [string, (db: Db) => Promise<unknown>][] = [
  [
    'update',
    (db) =>
      db
        .update(items)
        .set({ a: 100 })
        .where(and(inArray(items.g, ['x', 'y']), or(lt(items.a, 1), gt(items.a, 8), eq(items.a, 5)))!),
  ],
  [
    'update NOT',
    (db) =>
      db
        .update(items)
        .set({ a: 100 })
        .where(and(inArray(items.g, ['x', 'y']), not(and(gt(items.a, 1), lt(items.a, 8))!))),
  ],
  ['delete', (db) => db.delete(items).where(and(inArray(items.g, ['x', 'y']), notBetween(items.a, 1, 8)))],
];

async function backend(limits: any) {
  const t = convexTest({ schema, modules, transactionLimits: limits });
  await t.run(async (ctx) => {
    for (let k = 0; k < 4; k++) {
      const groupId = await ctx.db.insert('groups', { name: `g${k}` });
      for (let i = 0; i < 10; i++) await ctx.db.insert('items', { g: ['x', 'y', 'z'][i % 3]!, a: i, groupId });
    }
  });
  return t;
}

const snapshot = (t: any) =>
  t.run(async (ctx: any) => JSON.stringify((await ctx.db.query('items').collect()).map((d: any) => [d._id, d.a])));

describe('sweep', () => {
  for (const budget of ['databaseQueries', 'documentsRead'] as const) {
    for (const [name, op] of [...ops, ...writes]) {
      it(`${budget}: ${name}`, async () => {
        const limit = budget === 'databaseQueries' ? 40 : 120;
        const t = await backend({ [budget]: limit });
        const before = await snapshot(t);
        const bad: string[] = [];
        const isWrite = writes.some(([n]) => n === name);
        const ids = await t.run(async (ctx: any) => (await ctx.db.query('items').take(1))[0]._id);
        for (let k = 0; k <= limit; k++) {
          let res: string;
          try {
            res = await t.run(async (ctx: any) => {
              for (let i = 0; i < k; i++) await ctx.db.get(ids);
              try {
                await op(orm.db(ctx));
                if (isWrite) throw new Error('ROLLBACK');
                return 'ok';
              } catch (e: any) {
                if (e.message === 'ROLLBACK') throw e;
                if (e.code) {
                  if (e.details?.budget === undefined) return `typed-no-budget ${e.code}: ${e.message}`;
                  return `typed`;
                }
                return `RAW: ${e.message}`;
              }
            });
          } catch (e: any) {
            if (e.message === 'ROLLBACK') {
              res = 'ok';
            } else res = `THROWN ${e.message}`;
          }
          if (res.startsWith('typed') && isWrite) {
            const after = await snapshot(t);
            if (after !== before) bad.push(`k=${k}: half-written`);
          }
          if (res !== 'ok' && res !== 'typed') bad.push(`k=${k}: ${res}`);
        }
        expect(bad.slice(0, 5)).toEqual([]);
      });
    }
  }
});
