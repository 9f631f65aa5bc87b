/**
 * The same where-object over two tables of the same rows, one with an index on every column (and
 * composite ones) and one with none, against a plain-JS model of SQL's three-valued logic in
 * Convex's value order (docs/schema.md "Filters", docs/divergences.md for -0 and orders), with
 * columns of every kind: integer / bigint / number (-0, NaN, +-Infinity), text with non-ASCII and
 * `%` `_` `\`, boolean, timestamp in both modes (ISO operands), json of mixed types, arrayOf with
 * null elements, textEnum; null and absent fields; every operator, nested AND / OR / NOT with
 * EmptyFilter items. Each case also runs count(), every page of paginate (ordered by an index),
 * a prepared findMany / count with placeholders (executed first with other values), and the
 * operator-expression form through db.select() and update().where(...).returning(). Seeded:
 * FUZZ_SEED / FUZZ_N replay or widen it (thousands of cases ran clean during the review);
 * FUZZ_PREP=0, FUZZ_PAGE=0, FUZZ_OPS=0 turn parts off; BIG=1 uses long in / notIn lists.
 */

import { compareValues } from 'convex/values';
import { convexTest } from 'convex-test';
import { beforeAll, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import {
  and,
  arrayContained,
  arrayContains,
  arrayOf,
  arrayOverlaps,
  bigint,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  EmptyFilter,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  index,
  integer,
  isNotNull,
  isNull,
  json,
  like,
  lt,
  lte,
  ne,
  not,
  notIlike,
  notInArray,
  notLike,
  number,
  or,
  sql,
  text,
  textEnum,
  timestamp,
} from '../../src/index';
import { seededRandom } from '../seededRandom.js';

const cols = () => ({
  pos: integer().notNull(),
  i: integer(),
  b: bigint(),
  n: number(),
  s: text(),
  f: boolean(),
  ts: timestamp(),
  tss: timestamp({ mode: 'string' }),
  j: json(),
  arr: arrayOf(integer()),
  e: textEnum(['x', 'y', 'z']),
  touched: integer(),
});
const ix = convexTable('ix', cols(), (t) => [
  index('by_i').on(t.i),
  index('by_b').on(t.b),
  index('by_n').on(t.n),
  index('by_s').on(t.s),
  index('by_f_n').on(t.f, t.n),
  index('by_ts').on(t.ts),
  index('by_tss').on(t.tss),
  index('by_j').on(t.j),
  index('by_arr').on(t.arr),
  index('by_e_i').on(t.e, t.i),
  index('by_s_i').on(t.s, t.i),
]);
const nx = convexTable('nx', cols());
const schema = defineSchema({ ix, nx });
const orm = createOrm({ relations: defineRelations({ ix, nx }), scanBudget: 1_000_000 });

const POOL: Record<string, readonly unknown[]> = {
  i: [-3, -1, 0, 1, 2, 5],
  b: [-5n, 0n, 1n, 7n],
  n: [Number.NEGATIVE_INFINITY, -1.5, -0, 0, 1, 2.5, Number.POSITIVE_INFINITY, Number.NaN],
  s: ['', 'a', 'A', 'a%b', 'a_b', 'ab', 'a\\b', 'é', 'É', 'ß', '😀', 'ab😀', '%', '_', 'abc', 'b'],
  f: [true, false],
  ts: [-1000, 0, 1000, 1700000000000],
  tss: [-1000, 0, 1000, 1700000000000],
  j: [1, 2.5, 'a', 'ab', true, false, [1, 2], [1], { a: 1 }, 3n],
  arr: [[], [1], [1, 2], [2, 3], [3, 1, 2], [1, null], [null]],
  e: ['x', 'y', 'z'],
};
const FIELDS = Object.keys(POOL);
const iso = (ms: number) => new Date(ms).toISOString();

const rng0 = seededRandom(77);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const ROWS = Array.from({ length: 60 }, (_, k) => {
  const row: Record<string, unknown> = { pos: k + 1 };
  for (const f of FIELDS) {
    const x = rng0();
    if (x < 0.1) continue; // absent
    row[f] = x < 0.2 ? null : pick(rng0, POOL[f]!);
  }
  return row;
});

// ---------- model ----------
type T3 = boolean | null;
const andT = (xs: T3[]): T3 => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const orT = (xs: T3[]): T3 => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const notT = (x: T3): T3 => (x === null ? null : !x);
const oneZero = (f: string) => f === 'i' || f === 'ts' || f === 'tss' || f === 'pos';
function norm(f: string, v: any): any {
  if (f === 'tss' && typeof v === 'string') return Date.parse(v);
  if (oneZero(f) && Object.is(v, -0)) return 0;
  return v;
}
const eqV = (a: any, b: any) => compareValues(a, b) === 0;
function likeRe(p: string, ci: boolean): RegExp {
  let re = '';
  const cs = [...p];
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k]!;
    if (c === '\\') re += cs[++k]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, ci ? 'iu' : 'u');
}
function leaf(f: string, op: string, operand: any, x: any): T3 {
  if (op === 'isNull') return operand === true ? x == null : true;
  if (op === 'isNotNull') return operand === true ? x != null : true;
  if (op === 'in' || op === 'notIn') {
    const list = operand.map((v: any) => norm(f, v));
    if (list.length === 0) return op === 'notIn';
    if (x == null) return null;
    const r: T3 = list.some((v: any) => v !== null && eqV(x, v)) ? true : list.includes(null) ? null : false;
    return op === 'in' ? r : notT(r);
  }
  if (x == null) return null;
  if (['like', 'notLike', 'ilike', 'notIlike'].includes(op)) {
    if (typeof x !== 'string') return null;
    const m = likeRe(operand, op.includes('ilike') || op.includes('Ilike')).test(x);
    return op.startsWith('not') ? !m : m;
  }
  if (op.startsWith('array')) {
    if (!Array.isArray(x)) return null;
    const has = (list: any[], v: any) => v !== null && list.some((c) => c !== null && eqV(c, v));
    if (op === 'arrayContains') return operand.every((v: any) => has(x, v));
    if (op === 'arrayContained') return x.every((v: any) => has(operand, v));
    return operand.some((v: any) => has(x, v));
  }
  const v = norm(f, operand);
  if (v === null) return null;
  const c = compareValues(x, v);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
  }
  throw new Error(op);
}
function evalField(f: string, spec: any, x: any): T3 | 'skip' {
  if (spec === EmptyFilter) return 'skip';
  if (typeof spec !== 'object' || spec === null) return leaf(f, 'eq', spec, x);
  const parts: T3[] = [];
  for (const [op, v] of Object.entries(spec)) {
    if (v === EmptyFilter) continue;
    if (op === 'OR' || op === 'AND') {
      const items = (v as any[]).map((s) => evalField(f, s, x)).filter((t) => t !== 'skip') as T3[];
      if (items.length === 0) continue;
      parts.push(op === 'OR' ? orT(items) : andT(items));
    } else if (op === 'NOT') {
      const inner = evalField(f, v, x);
      if (inner !== 'skip') parts.push(notT(inner));
    } else if ((op === 'isNull' || op === 'isNotNull') && v !== true) {
    } else parts.push(leaf(f, op, v, x));
  }
  return parts.length === 0 ? 'skip' : andT(parts);
}
function evalWhere(w: any, row: any): T3 | 'skip' {
  if (w === EmptyFilter) return 'skip';
  const parts: T3[] = [];
  for (const [k, v] of Object.entries(w)) {
    if (v === EmptyFilter) continue;
    let t: T3 | 'skip';
    if (k === 'OR' || k === 'AND') {
      const items = (v as any[]).map((s) => evalWhere(s, row)).filter((t) => t !== 'skip') as T3[];
      t = items.length === 0 ? 'skip' : k === 'OR' ? orT(items) : andT(items);
    } else if (k === 'NOT') {
      const inner = evalWhere(v, row);
      t = inner === 'skip' ? 'skip' : notT(inner);
    } else t = evalField(k, v, row[k] ?? null);
    if (t !== 'skip') parts.push(t);
  }
  return parts.length === 0 ? 'skip' : andT(parts);
}
// ---------- generator ----------
const opsOf = (f: string) => {
  const base = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'isNotNull'];
  if (f === 's' || f === 'e' || f === 'j') base.push('like', 'notLike', 'ilike', 'notIlike', 'like', 'like');
  if (f === 'arr') base.push('arrayContains', 'arrayContained', 'arrayOverlaps', 'arrayContains', 'arrayOverlaps');
  return base;
};
const PATTERNS = [
  'a%',
  'ab%',
  'a_%',
  'a\\%%',
  'a\\_b',
  '%b',
  '_',
  '%',
  'A%',
  'é%',
  '😀%',
  'ab😀',
  'a\\\\b',
  '%\\%%',
  'x%',
  'ß',
];
function operandOf(r: () => number, f: string): any {
  let v = pick(r, POOL[f]!);
  if (f === 'tss') v = iso(v as number);
  if (f === 'i' && r() < 0.15) v = -0;
  if (f === 'arr' && r() < 0.1) v = null;
  return v;
}
function cond(r: () => number, f: string, depth: number): any {
  const x = r();
  if (depth < 2 && x < 0.12) return { NOT: cond(r, f, depth + 1) };
  if (depth < 2 && x < 0.22) {
    const n = 1 + Math.floor(r() * 3);
    return {
      [r() < 0.6 ? 'OR' : 'AND']: Array.from({ length: n }, () => (r() < 0.1 ? EmptyFilter : cond(r, f, depth + 1))),
    };
  }
  const op = pick(r, opsOf(f));
  if (op === 'isNull' || op === 'isNotNull') return { [op]: r() < 0.85 };
  if (op.includes('ike')) return { [op]: pick(r, PATTERNS) };
  if ((op === 'in' || op === 'notIn') && process.env.BIG && (f === 'i' || f === 'n' || f === 'b')) {
    const n = Math.floor(r() * 40);
    return {
      [op]: Array.from({ length: n }, () => {
        const x = Math.floor(r() * 40) - 10;
        return f === 'b' ? BigInt(x) : f === 'n' && r() < 0.3 ? x + 0.5 : x;
      }),
    };
  }
  if (op === 'in' || op === 'notIn') {
    const n = Math.floor(r() * 4);
    return { [op]: Array.from({ length: n }, () => (r() < 0.1 ? null : operandOf(r, f))) };
  }
  if (op.startsWith('array')) {
    const n = 1 + Math.floor(r() * 3);
    return { [op]: Array.from({ length: n }, () => pick(r, [1, 2, 3, 4, null])) };
  }
  const v = r() < 0.05 ? null : operandOf(r, f);
  if (op === 'eq' && v !== null && typeof v !== 'object' && r() < 0.5) return v;
  return { [op]: v };
}
function where(r: () => number, depth: number): any {
  const w: any = {};
  const n = 1 + Math.floor(r() * 2);
  for (let k = 0; k < n; k++) {
    const x = r();
    if (depth < 2 && x < 0.15) w.OR = Array.from({ length: 1 + Math.floor(r() * 3) }, () => where(r, depth + 1));
    else if (depth < 2 && x < 0.22) w.NOT = where(r, depth + 1);
    else if (depth < 2 && x < 0.28) w.AND = Array.from({ length: 1 + Math.floor(r() * 2) }, () => where(r, depth + 1));
    else {
      const f = pick(r, FIELDS);
      w[f] = cond(r, f, 0);
    }
  }
  return w;
}
const show = (w: any) =>
  JSON.stringify(w, (_, v) =>
    typeof v === 'bigint'
      ? `${v}n`
      : v === EmptyFilter
        ? 'EMPTY'
        : typeof v === 'number' && !Number.isFinite(v)
          ? String(v)
          : Object.is(v, -0)
            ? '-0'
            : v,
  );

let t: ReturnType<typeof convexTest>;
beforeAll(async () => {
  t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const table of ['ix', 'nx']) for (const row of ROWS) await ctx.db.insert(table as any, row as any);
  });
}, 60_000);

const N = Number(process.env.FUZZ_N ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
it('index read, residual filter, prepared, pages, select and update agree with the model', async () => {
  const failures: string[] = [];
  for (let c = 0; c < N; c++) {
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const r = seededRandom(SEED * 100000 + c);
      const w = where(r, 0);
      const expected = ROWS.filter((row) => {
        const tv = evalWhere(w, row);
        return tv === 'skip' || tv === true;
      })
        .map((row) => row.pos as number)
        .sort((a, b) => a - b);
      const got: Record<string, unknown> = {};
      for (const table of ['ix', 'nx'] as const) {
        try {
          const rows = await (db.query as any)[table].findMany({ where: w });
          got[table] = rows.map((row: any) => row.pos).sort((a: number, b: number) => a - b);
          got[`${table}count`] = await (db.query as any)[table].count({ where: w });
        } catch (error) {
          got[table] = `error: ${(error as Error).message.slice(0, 200)}`;
        }
      }
      if (process.env.FUZZ_PAGE !== '0') {
        const field = pick(r, ['i', 'b', 'n', 's', 'ts', 'tss', 'j', 'arr', '_creationTime']);
        const dir = r() < 0.5 ? 'asc' : 'desc';
        const paged: number[] = [];
        let cursor: string | null = null;
        try {
          for (let page = 0; page < 40; page++) {
            const res: any = await (db.query as any).ix.paginate(
              { numItems: 7, cursor },
              { where: w, orderBy: { [field]: dir } },
            );
            paged.push(...res.page.map((row: any) => row.pos));
            if (res.isDone) break;
            cursor = res.continueCursor;
          }
          got.ixpaged = paged.sort((a, b) => a - b);
        } catch (error) {
          got.ixpaged = `error: ${(error as Error).message.slice(0, 200)}`;
        }
        if (JSON.stringify(got.ixpaged) !== JSON.stringify(expected))
          failures.push(
            `${c} PAGE ${field} ${dir} ${show(w)}\n  expected ${JSON.stringify(expected)}\n  paged ${JSON.stringify(got.ixpaged)}`,
          );
      }
      if (process.env.FUZZ_PREP !== '0') {
        const values: Record<string, unknown> = {};
        let k = 0;
        const alt: Record<string, unknown> = {};
        let F = '';
        let OP = '';
        const sub = (v: any, whole = false) => {
          if (r() < 0.6) return v;
          const name = `p${k++}`;
          values[name] = v;
          alt[name] = OP.includes('ike')
            ? pick(r, PATTERNS)
            : OP.startsWith('array')
              ? whole
                ? [pick(r, [1, 2, 5])]
                : pick(r, [1, 2, 5])
              : whole
                ? [operandOf(r, F)]
                : r() < 0.1
                  ? null
                  : operandOf(r, F);
          return sql.placeholder(name);
        };
        const walkField = (spec: any): any => {
          if (spec === EmptyFilter) return spec;
          OP = 'eq';
          if (typeof spec !== 'object' || spec === null) return sub(spec);
          const o: any = {};
          for (const [op, v] of Object.entries(spec)) {
            if (v === EmptyFilter) o[op] = v;
            else if (op === 'OR' || op === 'AND') o[op] = (v as any[]).map(walkField);
            else if (op === 'NOT') o[op] = walkField(v);
            else if (op === 'isNull' || op === 'isNotNull') o[op] = v;
            else if (Array.isArray(v) && (op === 'in' || op === 'notIn' || op.startsWith('array'))) {
              OP = op;
              o[op] = r() < 0.3 ? sub(v, true) : (v as any[]).map((x) => sub(x));
            } else {
              OP = op;
              o[op] = sub(v);
            }
          }
          return o;
        };
        const walk = (w2: any): any => {
          if (w2 === EmptyFilter) return w2;
          const o: any = {};
          for (const [key, v] of Object.entries(w2)) {
            if (key === 'OR' || key === 'AND') o[key] = (v as any[]).map(walk);
            else if (key === 'NOT') o[key] = walk(v);
            else {
              F = key;
              o[key] = walkField(v);
            }
          }
          return o;
        };
        const pw = walk(w);
        for (const table of ['ix', 'nx'] as const) {
          let res: any;
          try {
            const prepared = (orm.query as any)[table].findMany({ where: pw }).prepare('x');
            try {
              await prepared.execute(ctx, alt);
            } catch {}
            res = (await prepared.execute(ctx, values))
              .map((row: any) => row.pos)
              .sort((a: number, b: number) => a - b);
            const again = (await prepared.execute(ctx, values))
              .map((row: any) => row.pos)
              .sort((a: number, b: number) => a - b);
            if (JSON.stringify(again) !== JSON.stringify(res)) res = ['again differs', res, again];
            const pc = (orm.query as any)[table].count({ where: pw }).prepare('c');
            try {
              await pc.execute(ctx, alt);
            } catch {}
            const cnt = await pc.execute(ctx, values);
            if (cnt !== res.length) res = ['count', cnt, res];
          } catch (error) {
            res = `error: ${(error as Error).message.slice(0, 200)}`;
          }
          if (JSON.stringify(res) !== JSON.stringify(expected))
            failures.push(
              `${c} PREP ${table} ${show(w)} values ${show(values)}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(res)}`,
            );
        }
      }
      if (process.env.FUZZ_OPS !== '0') {
        const OPS: any = {
          eq,
          ne,
          gt,
          gte,
          lt,
          lte,
          in: inArray,
          notIn: notInArray,
          like,
          notLike,
          ilike,
          notIlike,
          arrayContains,
          arrayContained,
          arrayOverlaps,
        };
        const toExprField = (T: any, f: string, spec: any): any => {
          if (spec === EmptyFilter) return undefined;
          if (typeof spec !== 'object' || spec === null) return eq(T[f], spec);
          const parts: any[] = [];
          for (const [op, v] of Object.entries(spec)) {
            if (v === EmptyFilter) continue;
            if (op === 'OR' || op === 'AND') {
              const xs = (v as any[]).map((s2) => toExprField(T, f, s2));
              parts.push(op === 'OR' ? or(...xs) : and(...xs));
            } else if (op === 'NOT') {
              const x = toExprField(T, f, v);
              parts.push(x && not(x));
            } else if (op === 'isNull' || op === 'isNotNull')
              parts.push(v === true ? (op === 'isNull' ? isNull(T[f]) : isNotNull(T[f])) : undefined);
            else parts.push(OPS[op](T[f], v));
          }
          return and(...parts);
        };
        const toExpr = (T: any, w2: any): any => {
          if (w2 === EmptyFilter) return undefined;
          const parts: any[] = [];
          for (const [key, v] of Object.entries(w2)) {
            if (v === EmptyFilter) continue;
            if (key === 'OR' || key === 'AND') {
              const xs = (v as any[]).map((s2) => toExpr(T, s2));
              parts.push(key === 'OR' ? or(...xs) : and(...xs));
            } else if (key === 'NOT') {
              const x = toExpr(T, v);
              parts.push(x && not(x));
            } else parts.push(toExprField(T, key, v));
          }
          return and(...parts);
        };
        for (const [name, T] of [
          ['ix', ix],
          ['nx', nx],
        ] as const) {
          const expr = toExpr(T, w);
          if (expr === undefined) continue;
          let res: any;
          try {
            res = (
              await (db as any)
                .select({ pos: (T as any).pos })
                .from(T)
                .where(expr)
            )
              .map((row: any) => row.pos)
              .sort((a: number, b: number) => a - b);
          } catch (error) {
            res = `error: ${(error as Error).message.slice(0, 200)}`;
          }
          if (JSON.stringify(res) !== JSON.stringify(expected))
            failures.push(
              `${c} SELECT ${name} ${show(w)}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(res)}`,
            );
          try {
            res = (
              await (db as any)
                .update(T)
                .set({ touched: c })
                .where(expr)
                .returning({ pos: (T as any).pos })
            )
              .map((row: any) => row.pos)
              .sort((a: number, b: number) => a - b);
          } catch (error) {
            res = `error: ${(error as Error).message.slice(0, 200)}`;
          }
          if (JSON.stringify(res) !== JSON.stringify(expected))
            failures.push(
              `${c} UPDATE-EXPR ${name} ${show(w)}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(res)}`,
            );
          try {
            res = (
              await (db as any)
                .update(T)
                .set({ touched: c })
                .where(w)
                .returning({ pos: (T as any).pos })
            )
              .map((row: any) => row.pos)
              .sort((a: number, b: number) => a - b);
          } catch (error) {
            res = `error: ${(error as Error).message.slice(0, 200)}`;
          }
          if (JSON.stringify(res) !== JSON.stringify(expected))
            failures.push(
              `${c} UPDATE-OBJ ${name} ${show(w)}\n  expected ${JSON.stringify(expected)}\n  got ${JSON.stringify(res)}`,
            );
        }
      }
      const e = JSON.stringify(expected);
      if (
        JSON.stringify(got.ix) !== e ||
        JSON.stringify(got.nx) !== e ||
        got.ixcount !== expected.length ||
        got.nxcount !== expected.length
      ) {
        failures.push(
          `${c} ${show(w)}\n  expected ${e}\n  ix ${JSON.stringify(got.ix)} (${got.ixcount})\n  nx ${JSON.stringify(got.nx)} (${got.nxcount})`,
        );
      }
    });
  }
  console.log(failures.slice(0, 30).join('\n'));
  console.log('failures', failures.length, 'of', N);
  expect(failures.length).toBe(0);
}, 600_000);
