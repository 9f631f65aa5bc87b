// docs/queries.md (Prepared queries)
// says a prepared query's results, read costs and explain() equal the query with the values
// written in, and a prepared page continues the same query. This seeds a placeholder on a search
// filter field (shorthand or { eq }) beside the planner's newest same-field shapes (an OR of
// equalities, NOT of an equality or of a ne, bounds that pin one value, tautologies such as
// isNull OR isNotNull, an OR branch compared with null, in / notIn), under no rule, a ne rule and
// an equality rule on filter fields, a cross-field OR rule and a function rule, with soft delete
// (and withDeleted) beside, and checks findMany (rows, countReads, explain(values) without rules)
// and walked pages (random numItems and maximumRowsRead) of the prepared and the written search
// against a JS model of SQL's three-valued logic over the search's own results. Seeded.

import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  integer,
  searchIndex,
  text,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { evalWhere, type V } from './whereJsModel';

const P = sql.placeholder;
const docs = convexTable(
  'docs',
  { body: text().notNull(), tag: text(), n: integer(), kind: text().notNull(), score: integer(), deletedAt: integer() },
  (t) => [
    searchIndex('search_body').on(t.body).filter(t.tag, t.n, t.kind, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { docs };
const relations = defineRelations(tables);
const schema = defineSchema(tables);
const SECRET = 'a test cursor secret of 40 characters...';

const vals: Record<string, V[]> = {
  tag: ['a', 'b', 'c', 'ab', 'z'],
  n: [1, 2, 3, 4],
  kind: ['x', 'y'],
  score: [1, 2, 3],
};

function sameField(rnd: () => number, f: string, depth = 0): any {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const v = pick(vals[f]!);
  const k = Math.floor(rnd() * 14);
  switch (k) {
    case 0:
      return { OR: [{ [f]: v }, { [f]: pick(vals[f]!) }] };
    case 1:
      return { NOT: { [f]: v } };
    case 2:
      return { [f]: { gte: v, lte: v } };
    case 3:
      return { OR: [{ [f]: { isNull: true } }, { [f]: { isNotNull: true } }] };
    case 4:
      return { OR: [{ [f]: { lte: v } }, { [f]: { gt: v } }, { [f]: { isNull: true } }] };
    case 5:
      return { [f]: { OR: [{ lt: v }, { gt: v }] } };
    case 6:
      return { NOT: { OR: [{ [f]: v }, { [f]: { isNull: true } }] } };
    case 7:
      return { NOT: { [f]: { ne: v } } };
    case 8:
      return { OR: [{ [f]: v }, { n: { eq: null } }] };
    case 9:
      return { [f]: { in: [v, pick(vals[f]!)] } };
    case 10:
      return { [f]: { notIn: [v] } };
    case 11:
      return { NOT: { NOT: { [f]: v } } };
    case 12:
      return depth < 1
        ? { AND: [sameField(rnd, f, depth + 1), sameField(rnd, pick(['tag', 'n', 'kind', 'score']), depth + 1)] }
        : { [f]: v };
    default:
      return { [f]: v };
  }
}

async function world() {
  const t = convexTest(schema, modules);
  const rnd = seededRandom(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const rows: any[] = [];
  await t.run(async (ctx) => {
    for (let i = 0; i < 60; i++) {
      const doc: any = { body: rnd() < 0.8 ? `hello ${i}` : `bye ${i}`, kind: pick(['x', 'y']) };
      const r1 = rnd();
      if (r1 < 0.7) doc.tag = pick(['a', 'b', 'c', 'ab']);
      else if (r1 < 0.85) doc.tag = null;
      const r2 = rnd();
      if (r2 < 0.7) doc.n = pick([1, 2, 3]);
      else if (r2 < 0.85) doc.n = null;
      if (rnd() < 0.7) doc.score = pick([1, 2, 3]);
      if (rnd() < 0.2) doc.deletedAt = 5;
      const id = await ctx.db.insert('docs', doc);
      rows.push({ ...doc, _id: id });
    }
  });
  return { t, rows };
}

const RULES: [string, any][] = [
  ['none', null],
  ['tag ne c', { tag: { ne: 'c' } }],
  ['kind x', { kind: 'x' }],
  ['or', { OR: [{ kind: 'x' }, { tag: 'a' }] }],
  ['fn', (r: any) => (r.score ?? 0) !== 2],
];

describe('prepared search on filter fields = written search = model', () => {
  it('agrees', async () => {
    const { t, rows } = await world();
    const rnd = seededRandom(77);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const problems: any[] = [];
    for (const [rname, rule] of RULES) {
      const orm =
        rule === null
          ? createOrm({ relations, cursorSecret: SECRET })
          : createOrm({
              relations,
              cursorSecret: SECRET,
              rules: defineRules(relations, () => ({ docs: { read: rule } })),
            });
      const ruleWhere = rule === null || typeof rule === 'function' ? {} : rule;
      const ruleFn = typeof rule === 'function' ? rule : () => true;
      for (let trial = 0; trial < 60; trial++) {
        const f = pick(['tag', 'kind', 'n']);
        const value = pick(vals[f]!);
        const shorthand = rnd() < 0.5;
        const extra = sameField(rnd, pick([f, f, 'tag', 'n', 'kind', 'score']));
        const withDeleted = rnd() < 0.2;
        const prepWhere = { ...extra, AND: [...(extra.AND ?? []), { [f]: shorthand ? P('v') : { eq: P('v') } }] };
        const writtenWhere = { ...extra, AND: [...(extra.AND ?? []), { [f]: shorthand ? value : { eq: value } }] };
        // also top-level form
        const top = rnd() < 0.5;
        const pw = top && !(f in extra) ? { ...extra, [f]: shorthand ? P('v') : { eq: P('v') } } : prepWhere;
        const ww = top && !(f in extra) ? { ...extra, [f]: shorthand ? value : { eq: value } } : writtenWhere;
        let res: any;
        try {
          const pcfg = (where: any) => ({
            search: { index: 'search_body', query: 'hello' },
            where,
            ...(withDeleted ? { withDeleted } : {}),
            columns: { _id: true },
          });
          const prepared = (orm.query.docs.paginate(pcfg(pw) as any) as any).prepare('p');
          const n = 1 + Math.floor(rnd() * 4);
          const mrr = rnd() < 0.3 ? 70 + Math.floor(rnd() * 5) : undefined;
          const walk = async (run: (ctx: any, opts: any) => Promise<any>) => {
            const ids: string[] = [];
            let cursor: string | null = null;
            for (let g = 0; g < 80; g++) {
              const page: any = await t.run((ctx) =>
                run(ctx, { numItems: n, cursor, ...(mrr ? { maximumRowsRead: mrr } : {}) }),
              );
              ids.push(...page.page.map((r: any) => r._id));
              cursor = page.continueCursor;
              if (page.isDone) break;
            }
            return ids;
          };
          const got = await walk((ctx, opts) => prepared.execute(ctx, opts, { v: value }));
          const written = await walk((ctx, opts) => orm.db(ctx).query.docs.paginate(opts, pcfg(ww) as any));
          const all = await t.run(async (raw) =>
            (
              await orm.db(raw, { rules: false }).query.docs.findMany({
                search: { index: 'search_body', query: 'hello' },
                withDeleted: true,
                columns: { _id: true },
              } as any)
            ).map((r: any) => r._id),
          );
          const limit = [undefined, 1, 3][Math.floor(rnd() * 3)];
          const fcfg = (where: any) => ({ ...pcfg(where), ...(limit === undefined ? {} : { limit }) });
          const preparedFind = (orm.query.docs.findMany(fcfg(pw) as any) as any).prepare('f');
          const found = await t.run(async (raw) => {
            const a = countReads(raw);
            const b = countReads(raw);
            const rowsP = (await preparedFind.execute(a.ctx, { v: value })).map((r: any) => r._id);
            const rowsW = (await orm.db(b.ctx).query.docs.findMany(fcfg(ww) as any)).map((r: any) => r._id);
            let explained = null;
            if (rule === null) {
              const { prepared: _how, ...pe } = preparedFind.explain({ v: value });
              const we = orm
                .db(raw)
                .query.docs.findMany(fcfg(ww) as any)
                .explain();
              if (JSON.stringify(pe) !== JSON.stringify(we)) explained = { pe, we };
            }
            return { rowsP, rowsW, ra: { ...a.reads }, rb: { ...b.reads }, explained };
          });
          res = { got, written, all, found, limit };
        } catch (e: any) {
          problems.push({ rname, ww: JSON.stringify(ww), err: String(e).slice(0, 300) });
          continue;
        }
        const byId = new Map(rows.map((r) => [r._id, r]));
        const pass = (id: string) => {
          const row = byId.get(id);
          return (
            evalWhere(ww, row) === true &&
            (rule === null || typeof rule === 'function' || evalWhere(ruleWhere, row) === true) &&
            ruleFn(row) &&
            (withDeleted || row.deletedAt === undefined)
          );
        };
        const want = res.all.filter(pass);
        (globalThis as any).__ne = ((globalThis as any).__ne ?? 0) + (want.length > 0 ? 1 : 0);
        if (JSON.stringify(res.got) !== JSON.stringify(want) || JSON.stringify(res.written) !== JSON.stringify(want))
          problems.push({
            rname,
            page: true,
            ww: JSON.stringify(ww),
            withDeleted,
            got: res.got.length,
            written: res.written.length,
            want: want.length,
          });
        const fd = res.found;
        const wantFound = res.limit === undefined ? want : want.slice(0, res.limit);
        if (
          JSON.stringify(fd.rowsP) !== JSON.stringify(wantFound) ||
          JSON.stringify(fd.rowsW) !== JSON.stringify(wantFound)
        )
          problems.push({
            rname,
            find: true,
            ww: JSON.stringify(ww),
            got: fd.rowsP.length,
            written: fd.rowsW.length,
            want: wantFound.length,
          });
        if (fd.explained) problems.push({ rname, ww: JSON.stringify(ww), ...fd.explained });
        if (JSON.stringify(fd.ra) !== JSON.stringify(fd.rb))
          problems.push({ rname, ww: JSON.stringify(ww), reads: [fd.ra, fd.rb] });
      }
    }
    expect((globalThis as any).__ne).toBeGreaterThan(100);
    expect(problems.slice(0, 15)).toEqual([]);
  }, 120000);
});
