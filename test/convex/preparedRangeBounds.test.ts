import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

// Prepared and shape-shared queries with placeholders as a field's two bounds, beside a fixed
// range on the same field: every execution gives the unprepared query's rows and reads (empty,
// one point, reversed), and a page's cursor does not continue under other bounds.
const rows = convexTable(
  'rows',
  { kind: text().notNull(), level: integer().notNull(), name: text().notNull() },
  (t) => [index('by_level').on(t.level), index('by_kind_level').on(t.kind, t.level), index('by_name').on(t.name)],
);
const schema = defineSchema({ rows });
const orm = createOrm({ relations: defineRelations({ rows }) });
const { placeholder } = sql;

const between = orm.query.rows
  .findMany({ where: { level: { gte: placeholder('from'), lt: placeholder('to') } }, orderBy: { level: 'asc' } })
  .prepare('between');
const kindBetween = orm.query.rows
  .findMany({
    where: { kind: placeholder('kind'), level: { gt: placeholder('from'), lte: placeholder('to') } },
    orderBy: { level: 'desc' },
  })
  .prepare('kindBetween');
const namePrefix = orm.query.rows
  .findMany({ where: { name: { gte: placeholder('from'), lt: placeholder('to') } } })
  .prepare('namePrefix');
const pages = orm.query.rows
  .paginate({ where: { level: { gte: placeholder('from'), lte: placeholder('to') } }, orderBy: { level: 'asc' } })
  .prepare('pages');

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < 30; i++) {
      await ctx.db.insert('rows', { kind: i % 2 ? 'a' : 'b', level: i % 10, name: `n${String(i).padStart(2, '0')}` });
    }
  });
  return t;
}

const BOUNDS: [number, number][] = [
  [3, 3],
  [3, 4],
  [5, 2],
  [0, 10],
  [9, 9],
  [-1, 0],
  [4, 3],
];

describe('placeholder bounds', () => {
  it('prepared findMany with both bounds placeholders: rows and reads of the unprepared query', async () => {
    const t = await world();
    for (const [from, to] of BOUNDS) {
      const got = await t.run(async (ctx) => {
        const a = countReads(ctx);
        const prepared = await between.execute(a.ctx as never, { from, to });
        const b = countReads(ctx);
        const unprepared = await orm
          .db(b.ctx as never)
          .query.rows.findMany({ where: { level: { gte: from, lt: to } }, orderBy: { level: 'asc' } });
        const c = countReads(ctx);
        const kinded = await kindBetween.execute(c.ctx as never, { kind: 'a', from, to });
        const d = countReads(ctx);
        const kindedUnprepared = await orm
          .db(d.ctx as never)
          .query.rows.findMany({ where: { kind: 'a', level: { gt: from, lte: to } }, orderBy: { level: 'desc' } });
        return {
          prepared: prepared.map((r) => r.name),
          unprepared: unprepared.map((r) => r.name),
          reads: [a.reads.documents, b.reads.documents, a.reads.ranges, b.reads.ranges],
          kinded: kinded.map((r) => r.name),
          kindedUnprepared: kindedUnprepared.map((r) => r.name),
          kindReads: [c.reads.documents, d.reads.documents, c.reads.ranges, d.reads.ranges],
        };
      });
      expect(got.prepared, `${from}..${to}`).toEqual(got.unprepared);
      expect(got.kinded, `${from}..${to}`).toEqual(got.kindedUnprepared);
      expect(got.reads[0]).toBe(got.reads[1]);
      expect(got.reads[2]).toBe(got.reads[3]);
      expect(got.kindReads[0]).toBe(got.kindReads[1]);
      expect(got.kindReads[2]).toBe(got.kindReads[3]);
      // Every row read is returned: the bounds are the read.
      expect(got.reads[0]).toBe(got.prepared.length);
    }
  });

  it('string bounds: reversed and equal exclusive bounds read nothing', async () => {
    const t = await world();
    const got = await t.run(async (ctx) => {
      const a = countReads(ctx);
      const reversed = await namePrefix.execute(a.ctx as never, { from: 'n2', to: 'n1' });
      const b = countReads(ctx);
      const point = await namePrefix.execute(b.ctx as never, { from: 'n10', to: 'n10' });
      return { reversed: reversed.length, point: point.length, reads: a.reads.documents + b.reads.documents };
    });
    expect(got).toEqual({ reversed: 0, point: 0, reads: 0 });
  });

  it('shape-shared unprepared findMany (third call on): reversed bounds read nothing, as the first call', async () => {
    const t = await world();
    const reads: number[] = [];
    for (const [from, to] of [
      [1, 5],
      [2, 6],
      [6, 2],
      [7, 3],
    ]) {
      reads.push(
        await t.run(async (ctx) => {
          const { ctx: counted, reads: counts } = countReads(ctx);
          await orm.db(counted as never).query.rows.findMany({ where: { level: { gte: from, lt: to } } });
          return counts.documents;
        }),
      );
    }
    expect(reads).toEqual([12, 12, 0, 0]);
  });

  it('prepared paginate: all pages equal findMany; a cursor under other bounds is refused, never skips or repeats', async () => {
    const t = await world();
    const all: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: any = await t.run((ctx) => pages.execute(ctx as never, { numItems: 4, cursor }, { from: 2, to: 6 }));
      all.push(...page.page.map((r: { name: string }) => r.name));
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    const expected = await t.run(async (ctx) =>
      (
        await orm
          .db(ctx as never)
          .query.rows.findMany({ where: { level: { gte: 2, lte: 6 } }, orderBy: { level: 'asc' } })
      ).map((r) => r.name),
    );
    expect([...all].sort()).toEqual([...expected].sort());
    expect(new Set(all).size).toBe(all.length);
    const first: any = await t.run((ctx) =>
      pages.execute(ctx as never, { numItems: 4, cursor: null }, { from: 2, to: 6 }),
    );
    for (const [from, to] of [
      [2, 5],
      [3, 6],
      [6, 2],
    ] as const) {
      const outcome = await t
        .run((ctx) => pages.execute(ctx as never, { numItems: 4, cursor: first.continueCursor }, { from, to }))
        .then(
          () => 'resolved',
          (error: { code?: string }) => error.code,
        );
      expect(outcome, `${from}..${to}`).toBe('INVALID_QUERY');
    }
  });
});
