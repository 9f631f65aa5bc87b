// @vitest-environment node
/**
 * db.select() parity: random selects from fixed seeds, run on Drizzle v1 over
 * PGlite and on convex-orm over convex-test, seeded alike (two tables fa/fb with nullable int and
 * text columns, fb.aId referencing fa; values chosen to collide and be null often). The queries
 * combine inner and left joins (a table joined again under alias(), keyed on _id, on an index's
 * column, with extra ON conditions on either side or across), WHERE trees of every operator with
 * SQL's three-valued logic (and/or/not, inArray/notInArray with null and empty lists,
 * between/notBetween with reversed bounds, like/ilike/notLike/notIlike with escapes, column vs
 * column across tables), orders over nullable columns of any table, limit/offset, selectDistinct,
 * and groupBy with count/count(col)/countDistinct/sum/avg/min/max and having.
 * Drizzle's orders are written NULLS FIRST ascending and NULLS LAST descending (Convex's order, a
 * documented divergence), sum/avg compared as numbers (documented). Nulls are stored as null,
 * never left absent (absent sorts before null: documented; a null group key reads null either way,
 * test/convex/selectGroupKeyAbsentAndNull.test.ts).
 */
import { PGlite } from '@electric-sql/pglite';
import * as C from 'convex-orm';
import { convexTest } from 'convex-test';
import * as D from 'drizzle-orm';
import { alias as dAlias, integer as dInteger, text as dText, pgTable, serial } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { beforeAll, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import { seededRandom } from '../seededRandom.js';

const { convexTable, integer, text, id, index, createOrm, defineRelations, defineSchema } = C;
const fa = convexTable(
  'fa',
  { pos: integer().notNull(), k: integer(), n: integer(), s: text(), g: integer().notNull() },
  (t) => [index('by_k').on(t.k), index('by_pos').on(t.pos)],
);
const fb = convexTable(
  'fb',
  {
    pos: integer().notNull(),
    aId: id('fa').references((): C.AnyColumn => fa._id),
    k: integer(),
    n: integer(),
    s: text(),
  },
  (t) => [index('by_k').on(t.k), index('by_n_s').on(t.n, t.s), index('by_pos').on(t.pos)],
);
const schema = defineSchema({ fa, fb });
const orm = createOrm({ relations: defineRelations({ fa, fb }), scanBudget: 1_000_000 });

const pfa = pgTable('fa', {
  id: serial().primaryKey(),
  pos: dInteger().notNull(),
  k: dInteger(),
  n: dInteger(),
  s: dText(),
  g: dInteger().notNull(),
});
const pfb = pgTable('fb', {
  id: serial().primaryKey(),
  pos: dInteger().notNull(),
  aId: dInteger(),
  k: dInteger(),
  n: dInteger(),
  s: dText(),
});

const rng0 = seededRandom(7);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(r: () => number, p: number, v: () => T): T | null => (r() < p ? null : v());
const STR = ['a', 'b', 'ab', 'a%b', 'A', 'ba', 'a_b', 'Ab', ''];
const NA = 30;
const NB = 120;
const aRows = Array.from({ length: NA }, (_, i) => ({
  pos: i + 1,
  k: maybe(rng0, 0.2, () => Math.floor(rng0() * 6)),
  n: maybe(rng0, 0.2, () => Math.floor(rng0() * 10)),
  s: maybe(rng0, 0.2, () => pick(rng0, STR)),
  g: Math.floor(rng0() * 4),
}));
const bRows = Array.from({ length: NB }, (_, i) => ({
  pos: 1001 + i,
  a: maybe(rng0, 0.15, () => Math.floor(rng0() * NA)),
  k: maybe(rng0, 0.2, () => Math.floor(rng0() * 6)),
  n: maybe(rng0, 0.2, () => Math.floor(rng0() * 10)),
  s: maybe(rng0, 0.2, () => pick(rng0, STR)),
}));

let pg: any;
let t: ReturnType<typeof convexTest>;
beforeAll(async () => {
  const client = new PGlite();
  await client.exec(`create table fa (id serial primary key, pos integer not null, k integer, n integer, s text, g integer not null);
    create table fb (id serial primary key, pos integer not null, "aId" integer references fa(id), k integer, n integer, s text);`);
  pg = drizzle({ client });
  await pg.insert(pfa).values(aRows.map((r, i) => ({ id: i + 1, ...r })));
  await pg.insert(pfb).values(bRows.map(({ a, ...r }, i) => ({ id: i + 1, aId: a === null ? null : a + 1, ...r })));
  t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ids: string[] = [];
    for (const r of aRows) ids.push(await ctx.db.insert('fa' as never, r as never));
    for (const { a, ...r } of bRows)
      await ctx.db.insert('fb' as never, { ...r, aId: a === null ? null : ids[a] } as never);
  });
}, 900_000);

type Kind = 'fa' | 'fb';
interface Scope {
  name: string;
  kind: Kind;
  d: any;
  c: any;
  nullable: boolean;
}
type Dual = { d: any; c: any; s: string };

function col(sc: Scope, c: string): Dual {
  return { d: sc.d[c], c: sc.c[c === 'id' ? '_id' : c], s: `${sc.name}.${c}` };
}
const INT = ['k', 'n'];
function intCols(sc: Scope): string[] {
  return sc.kind === 'fa' ? ['k', 'n', 'g', 'pos'] : ['k', 'n', 'pos'];
}

function leaf(r: () => number, scopes: Scope[]): Dual {
  const sc = pick(r, scopes);
  const x = r();
  if (x < 0.35) {
    const c = col(sc, pick(r, intCols(sc)));
    const o = pick(r, ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const);
    const v = Math.floor(r() * 8) - 1;
    return { d: (D as any)[o](c.d, v), c: (C as any)[o](c.c, v), s: `${o}(${c.s},${v})` };
  }
  if (x < 0.45) {
    const c = col(sc, pick(r, ['k', 'n', 's']));
    const o = pick(r, ['isNull', 'isNotNull'] as const);
    return { d: (D as any)[o](c.d), c: (C as any)[o](c.c), s: `${o}(${c.s})` };
  }
  if (x < 0.57) {
    const c = col(sc, pick(r, INT));
    const o = pick(r, ['inArray', 'notInArray'] as const);
    const list = Array.from({ length: Math.floor(r() * 4) }, () => (r() < 0.15 ? null : Math.floor(r() * 7)));
    return { d: (D as any)[o](c.d, list), c: (C as any)[o](c.c, list), s: `${o}(${c.s},${JSON.stringify(list)})` };
  }
  if (x < 0.65) {
    const c = col(sc, pick(r, INT));
    const o = pick(r, ['between', 'notBetween'] as const);
    const lo = Math.floor(r() * 8) - 1;
    const hi = Math.floor(r() * 8) - 1;
    return { d: (D as any)[o](c.d, lo, hi), c: (C as any)[o](c.c, lo, hi), s: `${o}(${c.s},${lo},${hi})` };
  }
  if (x < 0.77) {
    const c = col(sc, 's');
    const o = pick(r, ['like', 'ilike', 'notLike', 'notIlike'] as const);
    const p = pick(r, ['a%', '%b', '_', 'a\\%b', '%', 'A%', '%\\_%', 'a_b', '', '__']);
    return { d: (D as any)[o](c.d, p), c: (C as any)[o](c.c, p), s: `${o}(${c.s},'${p}')` };
  }
  if (x < 0.85) {
    const c = col(sc, 's');
    const o = pick(r, ['eq', 'ne', 'gt', 'lt'] as const);
    const v = pick(r, STR);
    return { d: (D as any)[o](c.d, v), c: (C as any)[o](c.c, v), s: `${o}(${c.s},'${v}')` };
  }
  const sc2 = pick(r, scopes);
  const c1 = col(sc, pick(r, INT));
  const c2 = col(sc2, pick(r, INT));
  const o = pick(r, ['eq', 'ne', 'gt', 'lte'] as const);
  return { d: (D as any)[o](c1.d, c2.d), c: (C as any)[o](c1.c, c2.c), s: `${o}(${c1.s},${c2.s})` };
}
function pred(r: () => number, scopes: Scope[], depth = 0): Dual {
  const x = r();
  if (depth >= 2 || x < 0.5) return leaf(r, scopes);
  if (x < 0.85) {
    const o = r() < 0.5 ? 'and' : 'or';
    const parts = [pred(r, scopes, depth + 1), pred(r, scopes, depth + 1)];
    return {
      d: (D as any)[o](...parts.map((p) => p.d)),
      c: (C as any)[o](...parts.map((p) => p.c)),
      s: `${o}(${parts.map((p) => p.s).join(',')})`,
    };
  }
  const p = pred(r, scopes, depth + 1);
  return { d: D.not(p.d), c: C.not(p.c), s: `not(${p.s})` };
}

const dOrder = (e: any, dir: 'asc' | 'desc') =>
  dir === 'asc' ? D.sql`${e} asc nulls first` : D.sql`${e} desc nulls last`;

function build(seed: number, streamMode: boolean) {
  const r = seededRandom(seed);
  const names: Record<Kind, string[]> = { fa: ['fa', 'x1', 'x2'], fb: ['fb', 'y1', 'y2'] };
  const used: Record<Kind, number> = { fa: 0, fb: 0 };
  const mk = (kind: Kind, nullable: boolean): Scope => {
    const name = names[kind][used[kind]++]!;
    const base = kind === 'fa' ? { d: pfa, c: fa } : { d: pfb, c: fb };
    return name === kind
      ? { name, kind, ...base, nullable }
      : { name, kind, d: dAlias(base.d as any, name), c: C.alias(base.c as any, name), nullable };
  };
  const from = mk(r() < 0.5 ? 'fa' : 'fb', false);
  const scopes = [from];
  const desc: string[] = [`from ${from.name}`];
  const joins: { kind: 'inner' | 'left'; sc: Scope; on: Dual }[] = [];
  const nJoins = Math.floor(r() * 3);
  for (let j = 0; j < nJoins; j++) {
    const kind = r() < 0.5 ? 'inner' : 'left';
    const jk: Kind = r() < 0.5 ? 'fa' : 'fb';
    const J = mk(jk, kind === 'left');
    const S = pick(r, scopes);
    let key: Dual;
    const sInt = pick(r, INT);
    if (jk === 'fa') {
      if (S.kind === 'fb' && r() < 0.6)
        key = { d: D.eq(J.d.id, S.d.aId), c: C.eq(J.c._id, S.c.aId), s: `eq(${J.name}.id,${S.name}.aId)` };
      else key = { d: D.eq(J.d.k, S.d[sInt]), c: C.eq(J.c.k, S.c[sInt]), s: `eq(${J.name}.k,${S.name}.${sInt})` };
    } else {
      const x = r();
      if (S.kind === 'fa' && x < 0.5)
        key = { d: D.eq(J.d.aId, S.d.id), c: C.eq(J.c.aId, S.c._id), s: `eq(${J.name}.aId,${S.name}.id)` };
      else if (x < 0.8)
        key = { d: D.eq(J.d.k, S.d[sInt]), c: C.eq(J.c.k, S.c[sInt]), s: `eq(${J.name}.k,${S.name}.${sInt})` };
      else key = { d: D.eq(S.d[sInt], J.d.n), c: C.eq(S.c[sInt], J.c.n), s: `eq(${S.name}.${sInt},${J.name}.n)` };
    }
    let on = key;
    if (r() < 0.5) {
      const extra = pred(r, r() < 0.5 ? [J] : [...scopes, J], 1);
      on = { d: D.and(key.d, extra.d), c: C.and(key.c, extra.c), s: `and(${key.s},${extra.s})` };
    }
    scopes.push(J);
    joins.push({ kind, sc: J, on });
    desc.push(`${kind}Join ${J.name} on ${on.s}`);
  }
  const where = r() < 0.7 ? pred(r, scopes) : null;
  if (where) desc.push(`where ${where.s}`);
  const grouped = r() < 0.3;
  let fields: Record<string, Dual> = {};
  let groupBy: Dual[] = [];
  let having: Dual | null = null;
  let order: { e: Dual; dir: 'asc' | 'desc' }[] = [];
  let distinct = false;
  let stream = false;
  let unordered = false;
  const numeric: string[] = [];
  if (grouped) {
    const gk = pick(r, scopes);
    const gc = pick(r, gk.kind === 'fa' ? ['k', 'n', 's', 'g'] : ['k', 'n', 's']);
    groupBy = [col(gk, gc)];
    fields.g0 = col(gk, gc);
    if (r() < 0.4) {
      const gk2 = pick(r, scopes);
      const c2 = pick(r, ['k', 's']);
      groupBy.push(col(gk2, c2));
      fields.g1 = col(gk2, c2);
    }
    const ag = pick(r, scopes);
    const ac = pick(r, INT);
    const c = col(ag, ac);
    const sc2 = col(pick(r, scopes), 's');
    fields.cnt = { d: D.count(), c: C.count(), s: 'count()' };
    fields.cc = { d: D.count(c.d), c: C.count(c.c), s: `count(${c.s})` };
    fields.cd = { d: D.countDistinct(c.d), c: C.countDistinct(c.c), s: `countDistinct(${c.s})` };
    fields.sm = { d: D.sum(c.d), c: C.sum(c.c), s: `sum(${c.s})` };
    fields.av = { d: D.avg(c.d), c: C.avg(c.c), s: `avg(${c.s})` };
    fields.mn = { d: D.min(sc2.d), c: C.min(sc2.c), s: `min(${sc2.s})` };
    fields.mx = { d: D.max(c.d), c: C.max(c.c), s: `max(${c.s})` };
    numeric.push('sm', 'av');
    if (r() < 0.4) {
      const a = pick(r, ['cnt', 'cc', 'mx', 'sm']);
      const o = pick(r, ['gt', 'lt', 'eq', 'gte'] as const);
      const v = Math.floor(r() * 6);
      having = {
        d: (D as any)[o](fields[a]!.d, v),
        c: (C as any)[o](fields[a]!.c, v),
        s: `${o}(${fields[a]!.s},${v})`,
      };
    }
    if (r() < 0.4) {
      const a = pick(r, ['cnt', 'cc', 'mx', 'mn']);
      order = [
        { e: fields[a]!, dir: pick(r, ['asc', 'desc'] as const) },
        ...groupBy.map((e) => ({ e, dir: 'asc' as const })),
      ];
    } else unordered = true;
  } else if (r() < 0.2) {
    distinct = true;
    const sc = pick(r, scopes);
    const c1 = pick(r, ['k', 'n', 's']);
    fields = { v0: col(sc, c1) };
    if (r() < 0.5) {
      const sc2 = pick(r, scopes);
      fields.v1 = col(sc2, pick(r, ['k', 's']));
    }
    if (r() < 0.6) order = Object.values(fields).map((e) => ({ e, dir: pick(r, ['asc', 'desc'] as const) }));
    else unordered = true;
  } else {
    for (const sc of scopes) fields[`p_${sc.name}`] = col(sc, 'pos');
    const vsc = pick(r, scopes);
    fields.v = col(vsc, pick(r, ['k', 'n', 's']));
    if (streamMode) {
      const x = r();
      if (x < 0.7) order = [{ e: col(from, 'pos'), dir: pick(r, ['asc', 'desc'] as const) }];
      stream = true;
      if (x >= 0.9 && r() < 0.5) {
        distinct = true;
        fields = { v: fields.v! };
      }
    } else if (r() < 0.8) {
      const pre = Array.from({ length: Math.floor(r() * 3) }, () => {
        const sc = pick(r, scopes);
        return { e: col(sc, pick(r, ['k', 'n', 's'])), dir: pick(r, ['asc', 'desc'] as const) };
      });
      order = [...pre, ...scopes.map((sc) => ({ e: col(sc, 'pos'), dir: pick(r, ['asc', 'desc'] as const) }))];
    } else unordered = true;
  }
  const limit = stream ? Math.floor(r() * 15) : !unordered && r() < 0.5 ? Math.floor(r() * 12) : undefined;
  const offset = stream
    ? r() < 0.4
      ? Math.floor(r() * 6)
      : undefined
    : !unordered && r() < 0.3
      ? Math.floor(r() * 8)
      : undefined;
  if (groupBy.length) desc.push(`groupBy ${groupBy.map((g) => g.s).join(',')}`);
  if (having) desc.push(`having ${having.s}`);
  if (order.length) desc.push(`orderBy ${order.map((o) => `${o.dir}(${o.e.s})`).join(',')}`);
  if (limit !== undefined) desc.push(`limit ${limit}`);
  if (offset !== undefined) desc.push(`offset ${offset}`);
  const run = (side: 'd' | 'c', db: any) => {
    const sel = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[side]]));
    let q = (distinct ? db.selectDistinct(sel) : db.select(sel)).from(from[side]);
    for (const j of joins)
      q = j.kind === 'inner' ? q.innerJoin(j.sc[side], j.on[side]) : q.leftJoin(j.sc[side], j.on[side]);
    if (where) q = q.where(where[side]);
    if (groupBy.length) q = q.groupBy(...groupBy.map((g) => g[side]));
    if (having) q = q.having(having[side]);
    if (order.length)
      q = q.orderBy(...order.map((o) => (side === 'd' ? dOrder(o.e.d, o.dir) : (C as any)[o.dir](o.e.c))));
    if (limit !== undefined) q = q.limit(limit);
    if (offset !== undefined) q = q.offset(offset);
    return q;
  };
  return {
    stream,
    order,
    limit,
    offset,
    fields,
    desc: `${stream ? 'STREAM ' : ''}${distinct ? 'DISTINCT ' : ''}${desc.join(' ')}`,
    run,
    unordered,
    numeric,
  };
}

/** Drizzle's query without its order and window (the streamed checks compare against the whole result). */
const unwindowed = (q: any): any =>
  new Proxy(q, {
    get: (tg, p) =>
      p === 'limit' || p === 'offset' || p === 'orderBy'
        ? () => unwindowed(tg)
        : typeof tg[p] === 'function'
          ? (...a: any[]) => {
              const v = tg[p](...a);
              return v && typeof v === 'object' && 'execute' in v ? unwindowed(v) : v;
            }
          : tg[p],
  });
const norm = (rows: any, numeric: string[], unordered: boolean) => {
  if (!Array.isArray(rows)) return rows;
  const out = rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(row).sort())
      o[k] = numeric.includes(k) && row[k] !== null ? Math.round(Number(row[k]) * 1e6) / 1e6 : row[k];
    return JSON.stringify(o);
  });
  return unordered ? out.sort() : out;
};

const COUNT = 300;

for (const [label, stream, from] of [
  ['in-memory orders, groups, distinct', false, 1],
  ["streamed: the from table's index order (or none) with limit/offset", true, 10_001],
] as const) {
  it(`${COUNT} random selects agree with Drizzle on Postgres: ${label}`, async () => {
    const diffs: string[] = [];
    let answered = 0;
    for (let seed = from; seed < from + COUNT; seed++) {
      const q = build(seed, stream);
      let d: any;
      let c: any;
      try {
        d = { v: norm(await q.run('d', pg), q.numeric, q.unordered) };
      } catch (e: any) {
        d = { e: String(e?.cause?.message ?? e.message) };
      }
      try {
        c = { v: norm(await t.run(async (ctx) => await q.run('c', orm.db(ctx))), q.numeric, q.unordered) };
      } catch (e: any) {
        c = { e: String(e.message) };
      }
      if (c.v?.length) answered++;
      if (q.stream && d.v && c.v) {
        // A streamed query's order is only the from table's: check the window against Drizzle's
        // whole result (its rows, its count, and the from table's positions in order).
        const full: string[] = norm(
          await q.run('d', {
            select: (f: any) => unwindowed(pg.select(f)),
            selectDistinct: (f: any) => unwindowed(pg.selectDistinct(f)),
          }),
          q.numeric,
          true,
        );
        const L = q.limit ?? Number.POSITIVE_INFINITY;
        const O = q.offset ?? 0;
        const bag = new Map<string, number>();
        for (const x of full) bag.set(x, (bag.get(x) ?? 0) + 1);
        let ok = c.v.length === Math.max(0, Math.min(L, full.length - O));
        for (const x of c.v) {
          const n = bag.get(x) ?? 0;
          if (n === 0) ok = false;
          bag.set(x, n - 1);
        }
        if (q.order.length) {
          const pk = Object.keys(q.fields).find((k) => k.startsWith('p_'))!;
          const dir = q.order[0]!.dir;
          const seq = full
            .map((x) => JSON.parse(x)[pk])
            .sort((a: number, b: number) => (dir === 'asc' ? a - b : b - a))
            .slice(O, O + L);
          if (JSON.stringify(seq) !== JSON.stringify(c.v.map((x: string) => JSON.parse(x)[pk]))) ok = false;
        }
        if (!ok)
          diffs.push(
            `seed ${seed}: ${q.desc}\n  drizzle (whole): ${JSON.stringify(full).slice(0, 800)}\n  convex: ${JSON.stringify(c.v).slice(0, 800)}`,
          );
        continue;
      }
      // Both reject (an invalid query): agreement. Otherwise the outcomes must be equal.
      if (JSON.stringify(d) !== JSON.stringify(c) && !(d.e && c.e)) {
        const dv: string[] = d.v ?? [d.e];
        const cv: string[] = c.v ?? [c.e];
        const i = dv.findIndex((x, j) => x !== cv[j]);
        diffs.push(
          `seed ${seed}: ${q.desc}\n  drizzle: ${dv.slice(Math.max(0, i - 1), i + 3).join(' ')}\n  convex:  ${cv.slice(Math.max(0, i - 1), i + 3).join(' ')}`,
        );
      }
    }
    expect(diffs).toEqual([]);
    expect(answered).toBeGreaterThan(COUNT / 2);
  }, 600_000);
}
