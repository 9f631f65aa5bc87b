// @vitest-environment node
// Multi-row upserts agree with Postgres (Drizzle v1 on PGlite) on a table with two single unique
// columns (one nullable) and a composite `nulls not distinct` unique, over 200 seeded random
// cases: initial rows, 1-5 proposed rows with repeated keys, onConflictDoNothing without and with
// a target, onConflictDoUpdate on each target with `set` writing unique and plain columns, and an
// optional `setWhere`. Compared: whether the statement fails, the `returning()` rows in order, and
// the table afterwards (docs/mutations.md#upsert: Postgres's row-by-row semantics, "cannot affect
// row a second time", skipped rows hold no key, keys freed by earlier rows). The scenarios in
// scenarios/ are fixed cases; this combines them at random.
import { PGlite } from '@electric-sql/pglite';
import { convexTest } from 'convex-test';
import { eq as pgEq } from 'drizzle-orm';
import { integer as pgInteger, pgTable, text as pgText, unique as pgUnique, serial } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { beforeAll, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, integer, text, unique } from '../../src/index';
import { seededRandom } from '../seededRandom';

const pgKv = pgTable(
  'kv',
  {
    id: serial().primaryKey(),
    k: pgText().notNull().unique(),
    h: pgText().unique(),
    a: pgInteger(),
    b: pgInteger(),
    v: pgInteger().notNull().default(0),
  },
  (t) => [pgUnique('ab').on(t.a, t.b).nullsNotDistinct()],
);

const kv = convexTable(
  'kv',
  {
    k: text().notNull().unique(),
    h: text().unique(),
    a: integer(),
    b: integer(),
    v: integer().notNull().default(0),
  },
  (t) => [unique('ab').on(t.a, t.b).nullsNotDistinct()],
);
const schema = defineSchema({ kv });
const orm = createOrm({ relations: defineRelations({ kv }) });

let pg: ReturnType<typeof drizzle>;
let client: PGlite;
beforeAll(async () => {
  client = new PGlite();
  await client.exec(
    `create table kv (id serial primary key, k text not null unique, h text unique, a integer, b integer, v integer not null default 0, constraint ab unique nulls not distinct (a, b));`,
  );
  pg = drizzle({ client });
}, 30_000);

type Row = { k: string; h: string | null; a: number | null; b: number | null; v?: number };
const norm = (rows: any[]) =>
  rows.map(({ id, _id, _creationTime, ...r }) => ({ k: r.k, h: r.h ?? null, a: r.a ?? null, b: r.b ?? null, v: r.v }));
const sorted = (rows: any[]) => norm(rows).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

function gen(rand: () => number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const mkRow = (): Row => ({
    k: pick(['k1', 'k2', 'k3']),
    h: pick([null, 'h1', 'h2']),
    a: pick([null, 1, 2]),
    b: pick([null, 1]),
    v: pick([0, 1, 2]),
  });
  const initial: Row[] = [];
  for (let i = 0; i < 4; i++) initial.push(mkRow());
  const rows: Row[] = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) rows.push(mkRow());
  const kind = pick(['nothing', 'update']);
  const target = pick(kind === 'nothing' ? ['none', 'k', 'h', 'ab'] : ['k', 'h', 'ab']);
  const setKeys = ['v', 'k', 'h', 'a'].filter(() => rand() < 0.4);
  if (setKeys.length === 0) setKeys.push('v');
  const set: Record<string, unknown> = {};
  for (const key of setKeys)
    set[key] =
      key === 'v'
        ? pick([5, 6])
        : key === 'a'
          ? pick([null, 1, 3])
          : key === 'k'
            ? pick(['k1', 'k4'])
            : pick([null, 'h1', 'h3']);
  const setWhere = rand() < 0.3 ? pick([0, 1, 2]) : undefined;
  return { initial, rows, kind, target, set, setWhere };
}

async function runPg(c: ReturnType<typeof gen>) {
  await client.exec('begin');
  try {
    await client.exec('delete from kv');
    const seeded: Row[] = [];
    for (const r of c.initial) {
      try {
        await client.exec('savepoint s');
        await pg.insert(pgKv).values(r);
        seeded.push(r);
        await client.exec('release savepoint s');
      } catch {
        await client.exec('rollback to savepoint s');
      }
    }
    const tgt = (t: string) => (t === 'k' ? pgKv.k : t === 'h' ? pgKv.h : [pgKv.a, pgKv.b]);
    let result: unknown;
    await client.exec('savepoint st');
    try {
      const ins = pg.insert(pgKv).values(c.rows);
      const q =
        c.kind === 'nothing'
          ? ins.onConflictDoNothing(c.target === 'none' ? undefined : { target: tgt(c.target) as any })
          : ins.onConflictDoUpdate({
              target: tgt(c.target) as any,
              set: c.set as any,
              ...(c.setWhere === undefined ? {} : { setWhere: pgEq(pgKv.v, c.setWhere) }),
            });
      result = norm(await q.returning());
    } catch (_e) {
      result = 'error';
      await client.exec('rollback to savepoint st');
    }
    const after = sorted(await pg.select().from(pgKv));
    return { seeded, result, after };
  } finally {
    await client.exec('rollback');
  }
}

async function runConvex(c: ReturnType<typeof gen>, seeded: Row[]) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const r of seeded) await ctx.db.insert('kv', r as any);
  });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const tgt = (t: string) => (t === 'k' ? kv.k : t === 'h' ? kv.h : [kv.a, kv.b]);
    let result: unknown;
    try {
      const ins = db.insert(kv).values(c.rows as any);
      const q =
        c.kind === 'nothing'
          ? ins.onConflictDoNothing(c.target === 'none' ? undefined : { target: tgt(c.target) as any })
          : ins.onConflictDoUpdate({
              target: tgt(c.target) as any,
              set: c.set as any,
              ...(c.setWhere === undefined ? {} : { setWhere: eq(kv.v, c.setWhere) }),
            });
      result = norm(await q.returning());
    } catch (e: any) {
      result = 'error';
      if (!/UNIQUE/.test(e.code)) result = `error ${e.code} ${e.message}`;
    }
    const after = sorted(await ctx.db.query('kv').collect());
    return { result, after };
  });
}

it('upserts agree with Postgres', async () => {
  const failures: unknown[] = [];
  const stats: Record<string, number> = {};
  for (let seed = 1; seed <= 200; seed++) {
    const c = gen(seededRandom(seed));
    const p = await runPg(c);
    const cv = await runConvex(c, p.seeded);
    const key = typeof p.result === 'string' ? 'error' : `rows${(p.result as unknown[]).length}`;
    stats[key] = (stats[key] ?? 0) + 1;
    const canon = (x: unknown) =>
      JSON.stringify(x, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
      );
    if (canon({ r: p.result, a: p.after }) !== canon({ r: cv.result, a: cv.after })) {
      failures.push({ seed, c: { ...c, initial: p.seeded }, pg: { result: p.result, after: p.after }, convex: cv });
    }
  }
  // Both outcomes occur often enough to mean something (errors and rows returned).
  expect(stats.error).toBeGreaterThan(20);
  expect((stats.rows1 ?? 0) + (stats.rows2 ?? 0)).toBeGreaterThan(20);
  expect(failures).toEqual([]);
}, 120_000);
