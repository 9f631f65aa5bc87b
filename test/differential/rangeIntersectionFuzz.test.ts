// @vitest-environment node
/**
 * Differential fuzz of the planner's range intersection against Drizzle v1 on Postgres
 * (PGlite): several range conditions on one indexed field (and on the field after an equality),
 * each its own conjunct, through findMany, count and every page of paginate; and, when every
 * conjunct is an exact range on the one field, the documents read equal the rows returned.
 */
import { PGlite } from '@electric-sql/pglite';
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
  {
    pos: integer().notNull(),
    kind: text().notNull(),
    path: text(),
    level: integer(),
    big: bigint(),
    score: number(),
  },
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

const STRINGS = [
  '',
  'a',
  'a%b',
  'a_b',
  'ab',
  'abc',
  'ab\\c',
  'aZ',
  'b',
  'ba',
  'é',
  'éa',
  '😀',
  '😀x',
  'mal/',
  'mal/x',
  'mal0',
  'A',
];
const LEVELS = [-3, -1, 0, 1, 2, 3, 4, 5, 7];
const BIGS = [-(2n ** 63n), -5n, -1n, 0n, 1n, 5n, 10n, 2n ** 63n - 1n];
const SCORES = [-Infinity, -2.5, -1, 0, 0.5, 1, 2.5, 1e300, Infinity];
const KINDS = ['k1', 'k2'];
const PATTERNS = [
  'a%',
  'ab%',
  'a_%',
  'a\\%%',
  'a\\_b%',
  'ab',
  'a%c',
  'a%b%',
  '_b%',
  'é%',
  '😀%',
  'mal/%',
  'ab\\\\%',
  'b%',
  'A%',
  '%',
];

const rng0 = seededRandom(2022);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
type Missing = 'absent' | null;
const maybe = <T>(r: () => number, v: () => T): T | Missing => {
  const x = r();
  return x < 0.1 ? 'absent' : x < 0.2 ? null : v();
};
const rows = Array.from({ length: 70 }, (_, i) => ({
  pos: i + 1,
  kind: pick(rng0, KINDS),
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
    `create table rr (id serial primary key, pos integer not null, kind text not null, path text, level integer, big bigint, score double precision);`,
  );
  pg = drizzle({ client, relations: dDefineRelations({ rr: prr }) });
  await pg
    .insert(prr)
    .values(
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === 'absent' ? null : value])),
      ),
    );
  t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (const row of rows) {
      const doc = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== 'absent'));
      await ctx.db.insert('rr', doc as never);
    }
  });
}, 120_000);

type Field = 'path' | 'level' | 'big' | 'score';
const valuesOf: Record<Field, readonly unknown[]> = {
  path: STRINGS,
  level: [...LEVELS, -0, 6],
  big: BIGS,
  score: [...SCORES, Number.NaN, -0.75],
};

/** One condition on `field`: a range, ne/notIn/in, isNull/isNotNull, or a like (path); `exact` when it says no more than an index interval. */
function condition(r: () => number, field: Field): { filter: Record<string, unknown>; exact: boolean } {
  const values = valuesOf[field];
  const x = r();
  if (x < 0.5) {
    const op = pick(r, ['gt', 'gte', 'lt', 'lte'] as const);
    return { filter: { [op]: pick(r, values) }, exact: true };
  }
  if (x < 0.6) return { filter: { ne: pick(r, values) }, exact: true };
  if (x < 0.68) {
    const list = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, values));
    return { filter: { notIn: list }, exact: true };
  }
  if (x < 0.73) {
    const list = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, values));
    return { filter: { in: list }, exact: true };
  }
  if (x < 0.8) return { filter: r() < 0.5 ? { isNull: true } : { isNotNull: true }, exact: true };
  if (field === 'path') {
    const pattern = pick(r, PATTERNS);
    const plain = /^[^%_\\]*%$/.test(pattern) || pattern === 'a\\%%' || pattern === 'ab\\\\%';
    return { filter: { like: pattern }, exact: plain };
  }
  return { filter: { gte: pick(r, values) }, exact: true };
}

interface Case {
  readonly where: Record<string, unknown>;
  readonly orderBy: Record<string, unknown>;
  /** Every conjunct is an exact range on one indexed field (and maybe the kind before it). */
  readonly exact: boolean;
  readonly text: string;
}

function generate(seed: number): Case {
  const r = seededRandom(seed);
  const field = pick(r, ['path', 'level', 'big', 'score'] as const);
  const parts: Record<string, unknown>[] = [];
  let exact = true;
  const n = 2 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const c = condition(r, field);
    exact &&= c.exact;
    parts.push({ [field]: c.filter });
  }
  if ((field === 'level' || field === 'path') && r() < 0.4) parts.unshift({ kind: pick(r, KINDS) });
  const y = r();
  if (y < 0.15) {
    // A NOT around one of them: residual, never intersected.
    const i = Math.floor(r() * parts.length);
    parts[i] = { NOT: parts[i] };
    exact = false;
  } else if (y < 0.3) {
    const i = Math.floor(r() * parts.length);
    const other = { [field]: condition(r, field).filter };
    parts[i] = { OR: [parts[i], other] };
    exact = false;
  }
  const where = { AND: parts };
  const orderBy = { [field]: r() < 0.5 ? 'asc' : 'desc' };
  return { where, orderBy, exact, text: JSON.stringify(where, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) };
}

const CASES = Array.from({ length: 700 }, (_, i) => generate(1000 + i));

const positions = (list: readonly { pos: number }[]) => list.map(({ pos }) => pos).sort((a, b) => a - b);

async function onPostgres(where: Record<string, unknown>): Promise<number[] | string> {
  try {
    return positions(await pg.query.rr.findMany({ where, columns: { pos: true } }));
  } catch (error) {
    return `error: ${String((error as Error).message).slice(0, 80)}`;
  }
}

async function onConvex(where: Record<string, unknown>, orderBy: Record<string, unknown>) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    let found: number[] | string;
    try {
      found = positions(await db.query.rr.findMany({ where: where as never }));
    } catch (error) {
      return { found: `error: ${String((error as Error).message).slice(0, 80)}` } as const;
    }
    const count = await db.query.rr.count({ where: where as never });
    const paged: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: any = await db.query.rr.paginate(
        { numItems: 4, cursor },
        { where: where as never, orderBy: orderBy as never },
      );
      paged.push(...result.page.map(({ pos }: { pos: number }) => pos));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    const { ctx: counted, reads } = countReads(ctx);
    const again = await orm.db(counted as never).query.rr.findMany({ where: where as never });
    return { found, count, paged: paged.sort((a, b) => a - b), documents: reads.documents, rows: again.length };
  });
}

describe('range intersection against Postgres', () => {
  it('700 filters: findMany, count and every page agree with Drizzle; exact ranges read only their rows', async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const expected = await onPostgres(c.where);
      const actual = await onConvex(c.where, c.orderBy);
      if (JSON.stringify(actual.found) !== JSON.stringify(expected)) {
        failures.push(`findMany ${c.text}: expected ${JSON.stringify(expected)} got ${JSON.stringify(actual.found)}`);
        continue;
      }
      if (typeof expected === 'string' || !('count' in actual)) continue;
      if (actual.count !== expected.length) failures.push(`count ${c.text}: ${actual.count} vs ${expected.length}`);
      if (JSON.stringify(actual.paged) !== JSON.stringify(expected))
        failures.push(`paginate ${c.text}: ${JSON.stringify(actual.paged)}`);
      if (c.exact && actual.documents !== actual.rows)
        failures.push(`reads ${c.text}: ${actual.documents} documents for ${actual.rows} rows`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
