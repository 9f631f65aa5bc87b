import { describe, expect, it } from 'vitest';
import {
  bigint,
  boolean,
  convexTable,
  defineRelations,
  deletion,
  index,
  integer,
  number,
  text,
  timestamp,
} from '../../src/index';
import type { ReadOptions } from '../../src/query/execution';
import { planRoot } from '../../src/query/find';
import { type ParsedQuery, parseQuery } from '../../src/query/parseQuery';
import { SchemaContext } from '../../src/query/schemaContext';
import { planByShape } from '../../src/query/shapePlans';
import { seededRandom } from '../seededRandom';

const items = convexTable(
  'items',
  { a: text().notNull(), b: integer(), c: number(), d: boolean(), big: bigint(), deletedAt: timestamp() },
  (t) => [
    index('by_a').on(t.a),
    index('by_b_c').on(t.b, t.c),
    index('by_d_b').on(t.d, t.b),
    index('by_big').on(t.big),
    index('by_deleted_a').on(t.deletedAt, t.a),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const notes = convexTable('notes', { body: text().notNull(), rank: integer().notNull() }, (t) => [
  index('by_rank').on(t.rank),
]);
const relations = defineRelations({ items, notes });
const options: ReadOptions = { strict: false, scanBudget: 1000 };

/** The config's own parse and plan (what runs without shapes), or the error it rejects with. */
function ownPlan(schema: SchemaContext, key: string, config: unknown, mode: 'many' | 'first') {
  try {
    const query = parseQuery(schema, key, config, mode);
    return { query, plan: planRoot(query) };
  } catch (error) {
    return { error };
  }
}

const FIELDS = ['a', 'b', 'c', 'd', 'big', '_creationTime', 'deletedAt', 'nope'];
const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const VALUES: unknown[] = ['x', '', 'b', 0, -0, 1, 2.5, -3, Number.NaN, true, false, 0n, 7n, null, undefined];

/** Generated root configs of `items`, from a wide space (every option, wrong kinds, unknown fields) or a narrow one (where shapes recur). */
function configs(seed: number, count: number, narrow: boolean) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const fields = narrow ? ['b', 'c'] : FIELDS;
  const values = narrow ? [0, 1, 2, -1] : VALUES;
  return Array.from({ length: count }, () => {
    const where: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 3); i > 0; i--) {
      const field = pick(fields);
      if (random() < 0.5) where[field] = pick(values);
      else {
        const ops: Record<string, unknown> = {};
        for (let j = 1 + Math.floor(random() * 2); j > 0; j--) ops[pick(OPS)] = pick(values);
        where[field] = ops;
      }
    }
    const config: Record<string, unknown> = { where };
    if (!narrow) {
      if (random() < 0.3) config.orderBy = { [pick(['a', 'b', 'c', '_creationTime'])]: pick(['asc', 'desc']) };
      if (random() < 0.3) config.limit = pick([0, 1, 3, -1]);
      if (random() < 0.2) config.offset = pick([0, 2]);
      if (random() < 0.2) config.withDeleted = pick([true, false]);
      if (random() < 0.2) config.columns = { a: true, [pick(['b', 'c'])]: pick([true, false]) };
    }
    return { config, mode: pick(['many', 'first'] as const) };
  });
}

/** Runs every config through one schema's shapes (made and reused) and through its own parse; the counts of each outcome. */
function compare(generated: ReturnType<typeof configs>) {
  const schema = new SchemaContext(relations);
  let shaped = 0;
  let refused = 0;
  for (const { config, mode } of generated) {
    const own = ownPlan(schema, 'items', config, mode);
    const byShape = planByShape(schema, 'items', options, config, mode);
    const label = JSON.stringify(config, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    if ('error' in own) {
      refused++;
      expect(byShape, label).toBeUndefined();
      continue;
    }
    if (!byShape) continue;
    shaped++;
    expect(byShape.plan, label).toEqual(own.plan);
    expect(byShape.query, label).toEqual(own.query);
  }
  return { shaped, refused };
}

describe('planByShape', () => {
  it('gives the plan and query of the config itself for 3,000 generated configs, and nothing where the config is refused', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { shaped, refused } = compare(configs(seed, 500, false));
      // The generator reaches both sides: configs a shape serves, and configs their own parse refuses.
      expect(shaped).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(50);
    }
  });

  it('gives the plan of the config itself where shapes recur: 2,000 configs over two fields and four values', () => {
    const { shaped } = compare(configs(7, 2000, true));
    expect(shaped).toBeGreaterThan(1000);
  });

  it('serves each call with its own values: the values of the call that made the shape do not stick', () => {
    const schema = new SchemaContext(relations);
    const first = planByShape(schema, 'notes', options, { where: { rank: 1 } }, 'many');
    const second = planByShape(schema, 'notes', options, { where: { rank: 2 } }, 'many');
    expect(first?.plan).toEqual(planRoot(parseQuery(schema, 'notes', { where: { rank: 1 } }, 'many')));
    expect(second?.plan).toEqual(planRoot(parseQuery(schema, 'notes', { where: { rank: 2 } }, 'many')));
    expect(second?.query.filter).toEqual(parseQuery(schema, 'notes', { where: { rank: 2 } }, 'many').filter);
  });

  it('keeps shapes apart by field name, operator and literal option, however the names are spelled, and checks the kind of each value as it binds', () => {
    const schema = new SchemaContext(relations);
    const configs = [
      { where: { rank: 1 } },
      { where: { rank: { gt: 1 } } },
      { where: { rank: { gte: 1 } } },
      { where: { rank: '1' } },
      { where: { body: 'x' } },
      { where: { 'rank:number,': 1 } },
      { where: { rank: 1 }, limit: 2 },
      { where: { rank: 1 }, orderBy: { rank: 'desc' } },
      { where: { rank: 1 }, columns: { body: true } },
    ];
    for (const config of configs) {
      const own = ownPlan(schema, 'notes', config, 'many');
      const byShape = planByShape(schema, 'notes', options, config, 'many');
      if ('error' in own) expect(byShape, JSON.stringify(config)).toBeUndefined();
      else expect(byShape?.query as ParsedQuery, JSON.stringify(config)).toEqual(own.query);
    }
  });

  it('leaves to the config its own parse what a shape cannot hold: rules, callbacks, relations, in-lists, OR', () => {
    const schema = new SchemaContext(relations);
    const ruled = schema.withRules({ ready: () => Promise.resolve(), filter: () => null });
    expect(planByShape(ruled, 'notes', options, { where: { rank: 1 } }, 'many')).toBeUndefined();
    for (const config of [
      { where: { rank: { in: [1, 2] } } },
      { where: { OR: [{ rank: 1 }, { rank: 2 }] } },
      { where: { body: { like: 'x%' } } },
      { where: { rank: 1 }, orderBy: (n: any, { desc }: any) => [desc(n.rank)] },
      { where: { rank: 1 }, extras: { twice: (row: any) => row.rank * 2 } },
      { where: { rank: null } },
    ]) {
      expect(planByShape(schema, 'notes', options, config, 'many'), JSON.stringify(config)).toBeUndefined();
    }
  });
});
