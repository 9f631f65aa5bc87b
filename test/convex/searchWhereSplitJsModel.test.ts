// A search's where is split by planSearch into filter-field equalities (withSearchIndex, incl. bounds allowing one
// value) and a residual; since NOT is pushed down (De Morgan, opposite comparisons) and same-field
// ORs of ranges are unions of intervals, NOT / OR / AND at table and field level decide what goes
// into the search. The existing split test compares search against findMany, which shares the
// planner and filter code; this one compares both against an independent JS model of SQL's
// three-valued logic (docs/queries.md, Filters): the search returns exactly the search's own results
// that the model passes, in search order, limit counting rows that pass; findMany returns the rows
// the model passes. Seeded (300 wheres).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, integer, searchIndex, text } from '../../src/index';
import { seededRandom } from '../seededRandom';
import { evalWhere, type V } from './whereJsModel';

const docs = convexTable(
  'docs',
  { body: text().notNull(), tag: text(), n: integer(), kind: text().notNull(), score: integer() },
  (t) => [searchIndex('search_body').on(t.body).filter(t.tag, t.n, t.kind)],
);
const tables = { docs };
const orm = createOrm({ relations: defineRelations(tables) });
const schema = defineSchema(tables);

describe('search where differential', () => {
  it('matches a JS model', async () => {
    const rnd = seededRandom(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const t = convexTest(schema, modules);
    const rows: any[] = [];
    await t.run(async (ctx) => {
      for (let i = 0; i < 50; i++) {
        const doc: any = { body: rnd() < 0.8 ? `hello ${i}` : `bye ${i}`, kind: pick(['x', 'y']) };
        const r1 = rnd();
        if (r1 < 0.7) doc.tag = pick(['a', 'b', 'c', 'ab']);
        else if (r1 < 0.85) doc.tag = null;
        const r2 = rnd();
        if (r2 < 0.7) doc.n = pick([1, 2, 3]);
        else if (r2 < 0.85) doc.n = null;
        if (rnd() < 0.7) doc.score = pick([1, 2, 3]);
        const id = await ctx.db.insert('docs', doc);
        rows.push({ ...doc, _id: id });
      }
    });
    const vals: Record<string, V[]> = {
      tag: ['a', 'b', 'c', 'ab', 'z'],
      n: [1, 2, 3, 4],
      kind: ['x', 'y'],
      score: [1, 2, 3],
    };
    const fieldSpec = (f: string, depth: number): any => {
      const v = pick(vals[f]!);
      const k = rnd();
      if (depth < 2 && k < 0.15) return { OR: [fieldSpec(f, depth + 1), fieldSpec(f, depth + 1)] };
      if (depth < 2 && k < 0.25) return { NOT: fieldSpec(f, depth + 1) };
      if (k < 0.4) return v;
      const op = pick([
        'eq',
        'ne',
        'gt',
        'gte',
        'lt',
        'lte',
        'in',
        'notIn',
        'isNull',
        'isNotNull',
        ...(f === 'tag' ? ['like'] : []),
      ]);
      if (op === 'in' || op === 'notIn') return { [op]: [v, pick(vals[f]!)] };
      if (op === 'isNull' || op === 'isNotNull') return { [op]: true };
      if (op === 'like') return { like: `${v}%` };
      if (rnd() < 0.3 && ['gt', 'gte', 'lt', 'lte'].includes(op)) {
        const op2 = op.startsWith('g') ? pick(['lt', 'lte']) : pick(['gt', 'gte']);
        return { [op]: v, [op2]: pick(vals[f]!) };
      }
      return { [op]: v };
    };
    const where = (depth: number): any => {
      const k = rnd();
      const f = pick(['tag', 'n', 'kind', 'score', 'tag', 'n']);
      if (depth < 3 && k < 0.2) return { OR: [where(depth + 1), where(depth + 1)] };
      if (depth < 3 && k < 0.35) return { NOT: where(depth + 1) };
      if (depth < 3 && k < 0.45) return { AND: [where(depth + 1), where(depth + 1)] };
      if (k < 0.6) {
        const g = pick(['tag', 'n', 'kind', 'score']);
        return g === f ? { [f]: fieldSpec(f, 0) } : { [f]: fieldSpec(f, 0), [g]: fieldSpec(g, 0) };
      }
      return { [f]: fieldSpec(f, 0) };
    };
    const problems: any[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const w = where(0);
      const limit = pick([undefined, 1, 3, 100]);
      const res = await t.run(async (ctx) => {
        const db = orm.db(ctx);
        try {
          const all = (
            await db.query.docs.findMany({ columns: { _id: true }, search: { index: 'search_body', query: 'hello' } })
          ).map((r) => r._id);
          const got = (
            await db.query.docs.findMany({
              columns: { _id: true },
              search: { index: 'search_body', query: 'hello' },
              where: w,
              ...(limit === undefined ? {} : { limit }),
            } as any)
          ).map((r: any) => r._id);
          const plain = (await db.query.docs.findMany({ columns: { _id: true }, where: w } as any)).map(
            (r: any) => r._id,
          );
          return { all, got, plain };
        } catch (e: any) {
          return { err: `${e?.code} ${e?.message}` };
        }
      });
      if ('err' in res) {
        problems.push({ w: JSON.stringify(w), err: res.err });
        continue;
      }
      const byId = new Map(rows.map((r) => [r._id, r]));
      const pass = (id: string) => evalWhere(w, byId.get(id)) === true;
      let want = res.all.filter(pass);
      if (limit !== undefined) want = want.slice(0, limit);
      const wantPlain = rows
        .filter((r) => evalWhere(w, r) === true)
        .map((r) => r._id)
        .sort();
      if (JSON.stringify(res.got) !== JSON.stringify(want))
        problems.push({ w: JSON.stringify(w), limit, got: res.got.length, want: want.length });
      if (JSON.stringify([...res.plain].sort()) !== JSON.stringify(wantPlain))
        problems.push({ plain: true, w: JSON.stringify(w), got: res.plain.length, want: wantPlain.length });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
