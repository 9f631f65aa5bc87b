// @vitest-environment node
/**
 * NOT pushed down to the conditions under it keeps their truth in SQL's three-valued logic, and a
 * same-field OR (or an AND under one) is read as the union (intersection) of its intervals: a
 * seeded differential against Drizzle v1 on Postgres (PGlite) of random NOT / OR / AND trees
 * (depth 4) on one indexed field (int, bigint, float with NaN and ±Infinity, text with
 * like/notLike; null operands among the values), nulls and absent fields in the rows: findMany,
 * count and every page of paginate (asc and desc on the ranged field) equal Postgres's rows;
 * paginate's pages concatenated are findMany's order; the order is monotonic; `limit` is a prefix
 * of the full order; and with no residual in `explain()`, the documents read equal the rows
 * returned.
 */
import { PGlite } from '@electric-sql/pglite';
import { compareValues, type Value } from 'convex/values';
import { convexTest } from 'convex-test';
import { defineRelations as dDefineRelations } from 'drizzle-orm';
import {
  bigint as dBigint,
  doublePrecision as dDouble,
  integer as dInteger,
  text as dText,
  pgTable,
  serial,
} from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import {
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  number,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { seededRandom } from '../seededRandom.js';

const rr = convexTable(
  'rr',
  { pos: integer().notNull(), kind: text().notNull(), path: text(), level: integer(), big: bigint(), score: number() },
  (t) => [
    index('by_path').on(t.path),
    index('by_level').on(t.level),
    index('by_big').on(t.big),
    index('by_score').on(t.score),
    index('by_kind_level').on(t.kind, t.level),
    index('by_kind_path').on(t.kind, t.path),
  ],
);
const schema = defineSchema({ rr });
const orm = createOrm({ relations: defineRelations({ rr }), scanBudget: 1_000_000 });
const prr = pgTable('rr', {
  id: serial().primaryKey(),
  pos: dInteger().notNull(),
  kind: dText().notNull(),
  path: dText(),
  level: dInteger(),
  big: dBigint({ mode: 'bigint' }),
  score: dDouble(),
});

const STRINGS = ['', 'a', 'ab', 'abc', 'aZ', 'b', 'ba', 'é', 'mal/', 'mal/x', 'A'];
const LEVELS = [-3, -1, 0, 1, 2, 3, 4, 5, 7];
const BIGS = [-5n, -1n, 0n, 1n, 5n, 10n];
const SCORES = [-Infinity, -2.5, -1, 0, 0.5, 1, 2.5, Infinity];
const PATTERNS = ['a%', 'ab%', 'a_%', 'a%c', 'b%', 'mal/%', '%', 'A%'];
type Field = 'path' | 'level' | 'big' | 'score';
const valuesOf: Record<Field, readonly unknown[]> = {
  path: STRINGS,
  level: [...LEVELS, 6],
  big: BIGS,
  score: [...SCORES, Number.NaN, -0.75],
};

const rng0 = seededRandom(77);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(r: () => number, v: () => T): T | 'absent' | null => {
  const x = r();
  return x < 0.1 ? 'absent' : x < 0.2 ? null : v();
};
const rows = Array.from({ length: 60 }, (_, i) => ({
  pos: i + 1,
  kind: pick(rng0, ['k1', 'k2']),
  path: maybe(rng0, () => pick(rng0, STRINGS)),
  level: maybe(rng0, () => pick(rng0, LEVELS)),
  big: maybe(rng0, () => pick(rng0, BIGS)),
  score: maybe(rng0, () => pick(rng0, SCORES)),
}));

let pg: any;
let t: ReturnType<typeof convexTest>;
beforeAll(async () => {
  const client = new PGlite();
  await client.exec(
    'create table rr (id serial primary key, pos integer not null, kind text not null, path text, level integer, big bigint, score double precision);',
  );
  pg = drizzle({ client, relations: dDefineRelations({ rr: prr }) });
  await pg
    .insert(prr)
    .values(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === 'absent' ? null : v]))));
  t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const row of rows)
      await ctx.db.insert('rr', Object.fromEntries(Object.entries(row).filter(([, v]) => v !== 'absent')) as never);
  });
}, 120_000);

function leaf(r: () => number, field: Field): Record<string, unknown> {
  const values = [...valuesOf[field], null];
  const x = r();
  const list = () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, values));
  if (x < 0.45) return { [pick(r, ['gt', 'gte', 'lt', 'lte'] as const)]: pick(r, values) };
  if (x < 0.55) return { eq: pick(r, values) };
  if (x < 0.62) return { ne: pick(r, values) };
  if (x < 0.7) return { notIn: list() };
  if (x < 0.78) return { in: list() };
  if (x < 0.86) return r() < 0.5 ? { isNull: true } : { isNotNull: true };
  if (field === 'path') return r() < 0.5 ? { like: pick(r, PATTERNS) } : { notLike: pick(r, PATTERNS) };
  return { gte: pick(r, values) };
}

function tree(r: () => number, field: Field, depth: number): Record<string, unknown> {
  const x = r();
  if (depth === 0 || x < 0.3) return leaf(r, field);
  if (x < 0.5) return { NOT: tree(r, field, depth - 1) };
  const n = 2 + Math.floor(r() * 2);
  return { [x < 0.75 ? 'OR' : 'AND']: Array.from({ length: n }, () => tree(r, field, depth - 1)) };
}

function generate(seed: number) {
  const r = seededRandom(seed);
  const field = pick(r, ['path', 'level', 'big', 'score'] as const);
  let where: Record<string, unknown> = { [field]: tree(r, field, 4) };
  if (r() < 0.3) where = { AND: [where, { [field]: tree(r, field, 3) }] };
  if ((field === 'level' || field === 'path') && r() < 0.3) where = { ...where, kind: pick(r, ['k1', 'k2']) };
  const orderBy = { [field]: r() < 0.5 ? 'asc' : 'desc' } as const;
  const text = JSON.stringify({ where, orderBy }, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return { field, where, orderBy, text };
}

const positions = (list: readonly { pos: number }[]) => list.map(({ pos }) => pos).sort((a, b) => a - b);

describe('nested NOT / OR / AND on one field against Postgres', () => {
  it('200 seeded filters: rows, count, pages, order, limit and reads', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 200; i++) {
      const c = generate(7000 + i);
      const expected = positions(await pg.query.rr.findMany({ where: c.where, columns: { pos: true } }));
      const problems = await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const where = c.where as never;
        const out: string[] = [];
        const found = positions(await db.query.rr.findMany({ where }));
        if (JSON.stringify(found) !== JSON.stringify(expected)) out.push(`rows ${JSON.stringify(found)}`);
        const count = await db.query.rr.count({ where });
        if (count !== expected.length) out.push(`count ${count}`);
        const full: any[] = await db.query.rr.findMany({ where, orderBy: c.orderBy as never });
        const values = full.map((row) => row[c.field] as Value);
        const descending = c.orderBy[c.field] === 'desc';
        for (let k = 1; k < values.length; k++) {
          const order = compareValues(values[k - 1]!, values[k]!);
          if (descending ? order < 0 : order > 0) out.push(`order ${values.map(String).join(',')}`);
        }
        const limited = await db.query.rr.findMany({ where, orderBy: c.orderBy as never, limit: 3 });
        if (JSON.stringify(limited.map((row) => row.pos)) !== JSON.stringify(full.slice(0, 3).map((row) => row.pos)))
          out.push('limit is not a prefix');
        const paged: number[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 100; page++) {
          const result: any = await db.query.rr.paginate(
            { numItems: 4, cursor },
            { where, orderBy: c.orderBy as never },
          );
          paged.push(...result.page.map((row: { pos: number }) => row.pos));
          if (result.isDone) break;
          cursor = result.continueCursor;
        }
        if (JSON.stringify(paged) !== JSON.stringify(full.map((row) => row.pos)))
          out.push(`pages ${JSON.stringify(paged)}`);
        const explained: any = (db.query.rr.findMany({ where }) as any).explain();
        const { ctx: counted, reads } = countReads(ctx);
        const again = await orm.db(counted as never).query.rr.findMany({ where });
        if (explained.residual === null && !explained.fullScan && reads.documents !== again.length)
          out.push(`${reads.documents} documents read for ${again.length} rows`);
        return out;
      });
      if (problems.length > 0) failures.push(`${c.text}: expected ${JSON.stringify(expected)}; ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
