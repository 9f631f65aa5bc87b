// A search beside read rules (object rules on filter fields, an OR rule across
// them, a truthy isNotNull: 1 rule, an integer in-list holding 0, a function rule) and soft delete
// (withDeleted at random), with random where-objects (NOT / OR, same-field bounds allowing one value),
// limit and offset, and the same search paged in random page sizes, returns exactly the rows a
// plain-JS model of convex-test's search (a query term prefixing a word, storage order) passes under
// the rule, the live-rows condition and SQL's three-valued where (docs/queries.md Search: "limit
// counts rows that pass"). The existing JS-model differential has no rules or soft delete; the
// rules page test compares with findMany, which shares the planner. Seeded.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
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
  timestamp,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';
import { evalWhere } from './whereJsModel';

const docs = convexTable(
  'docs',
  {
    body: text().notNull(),
    tag: text(),
    n: integer(),
    kind: text().notNull(),
    score: integer(),
    deletedAt: timestamp(),
  },
  (t) => [
    searchIndex('search_body').on(t.body).filter(t.tag, t.n, t.kind, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { docs };
const relations = defineRelations(tables);
const schema = defineSchema(tables);

const words = ['hello', 'help', 'bye', 'hex', 'world', 'Hel'];
function matches(body: string, q: string) {
  const terms = q
    .toLowerCase()
    .split(/\s+/)
    .filter((x) => x.length > 0);
  const ws = body.split(/\s+/).map((w) => w.toLowerCase());
  return terms.some((t) => ws.some((w) => w.startsWith(t)));
}

it('search under rules and soft delete matches a JS model, findMany and pages', async () => {
  const rnd = seededRandom(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const t = convexTest(schema, modules);
  const rows: any[] = [];
  await t.run(async (ctx) => {
    for (let i = 0; i < 60; i++) {
      const doc: any = { body: `${pick(words)} ${pick(words)} ${i}`, kind: pick(['x', 'y']) };
      const r1 = rnd();
      if (r1 < 0.7) doc.tag = pick(['a', 'b', 'c']);
      else if (r1 < 0.85) doc.tag = null;
      const r2 = rnd();
      if (r2 < 0.7) doc.n = pick([0, 1, 2, 3]);
      else if (r2 < 0.85) doc.n = null;
      if (rnd() < 0.7) doc.score = pick([1, 2, 3]);
      const r3 = rnd();
      if (r3 < 0.2) doc.deletedAt = 1000 + i;
      else if (r3 < 0.5) doc.deletedAt = null;
      const id = await ctx.db.insert('docs', doc);
      rows.push({ ...doc, _id: id });
    }
  });
  const rules: [string, any, (r: any) => boolean][] = [
    ['none', null, () => true],
    ['kind', { kind: 'x' }, (r) => r.kind === 'x'],
    ['tagOrN', { OR: [{ tag: 'a' }, { n: 2 }] }, (r) => evalWhere({ OR: [{ tag: 'a' }, { n: 2 }] }, r) === true],
    ['truthy', { tag: { isNotNull: 1 } }, (r) => r.tag !== null && r.tag !== undefined],
    ['nIn', { n: { in: [0, 1] } }, (r) => r.n === 0 || r.n === 1],
    ['fn', (r: any) => (r.score ?? 0) !== 2, (r) => (r.score ?? 0) !== 2],
  ];
  const vals: any = { tag: ['a', 'b', 'c', 'z'], n: [0, 1, 2, 4], kind: ['x', 'y'], score: [1, 2, 3] };
  const fieldSpec = (f: string, depth: number): any => {
    const v = pick(vals[f]);
    const k = rnd();
    if (depth < 2 && k < 0.15) return { OR: [fieldSpec(f, depth + 1), fieldSpec(f, depth + 1)] };
    if (depth < 2 && k < 0.22) return { NOT: fieldSpec(f, depth + 1) };
    if (k < 0.45) return v;
    const op = pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'isNotNull', 'gte=lte']);
    if (op === 'gte=lte') return { gte: v, lte: v };
    if (op === 'in' || op === 'notIn') return { [op]: [v, pick(vals[f])] };
    if (op === 'isNull' || op === 'isNotNull') return { [op]: true };
    return { [op]: v };
  };
  const where = (depth: number): any => {
    const k = rnd();
    const f = pick(['tag', 'n', 'kind', 'score', 'tag', 'n', 'kind']);
    if (depth < 2 && k < 0.2) return { OR: [where(depth + 1), where(depth + 1)] };
    if (depth < 2 && k < 0.3) return { NOT: where(depth + 1) };
    if (k < 0.6) {
      const g = pick(['tag', 'n', 'kind', 'score']);
      return g === f ? { [f]: fieldSpec(f, 0) } : { [f]: fieldSpec(f, 0), [g]: fieldSpec(g, 0) };
    }
    return { [f]: fieldSpec(f, 0) };
  };
  const problems: any[] = [];
  for (const [rname, rule, ruleFn] of rules) {
    const orm = createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      ...(rule === null ? {} : { rules: defineRules(relations, () => ({ docs: { read: rule } })) }),
    });
    for (let trial = 0; trial < 40; trial++) {
      const w = where(0);
      const q = pick(['hel', 'hello', 'bye', 'hex world', 'he', 'HEL']);
      const limit = pick([undefined, 1, 2, 5]);
      const offset = pick([undefined, 0, 1, 3]);
      const withDeleted = rnd() < 0.2;
      const live = (r: any) => withDeleted || r.deletedAt === null || r.deletedAt === undefined;
      let want = rows
        .filter((r) => matches(r.body, q) && live(r) && ruleFn(r) && evalWhere(w, r) === true)
        .map((r) => r._id);
      const wantAll = want;
      if (offset) want = want.slice(offset);
      if (limit !== undefined) want = want.slice(0, limit);
      const config: any = {
        columns: { _id: true },
        search: { index: 'search_body', query: q },
        where: w,
        ...(withDeleted ? { withDeleted } : {}),
      };
      const res = await t.run(async (ctx) => {
        try {
          const got = (
            await orm.db(ctx).query.docs.findMany({
              ...config,
              ...(limit === undefined ? {} : { limit }),
              ...(offset === undefined ? {} : { offset }),
            })
          ).map((r: any) => r._id);
          const pages: string[] = [];
          return { got, pages };
        } catch (e: any) {
          return { err: `${e?.code} ${e?.message}` };
        }
      });
      if ('err' in res) {
        problems.push({ rname, w: JSON.stringify(w), err: res.err });
        continue;
      }
      if (JSON.stringify(res.got) !== JSON.stringify(want))
        problems.push({
          rname,
          q,
          w: JSON.stringify(w),
          limit,
          offset,
          withDeleted,
          got: res.got.length,
          want: want.length,
        });
      // pages
      let cursor: string | null = null;
      const paged: string[] = [];
      for (let guard = 0; guard < 100; guard++) {
        const numItems = 1 + Math.floor(rnd() * 4);
        const page: any = await t
          .run((ctx) => orm.db(ctx).query.docs.paginate({ numItems, cursor }, config))
          .catch((e: any) => ({ err: String(e) }));
        if (page.err) {
          problems.push({ rname, page: true, err: page.err.slice(0, 200) });
          break;
        }
        paged.push(...page.page.map((r: any) => r._id));
        cursor = page.continueCursor;
        if (page.isDone) break;
      }
      if (JSON.stringify(paged) !== JSON.stringify(wantAll))
        problems.push({ rname, paged: true, q, w: JSON.stringify(w), got: paged.length, want: wantAll.length });
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
}, 120_000);
