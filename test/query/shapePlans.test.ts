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
import { parseQuery } from '../../src/query/parseQuery';
import { SchemaContext } from '../../src/query/schemaContext';
import { parseByShape } from '../../src/query/shapePlans';
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

/** `parseByShape`'s answer, or the error it rejects with. */
function byShape(schema: SchemaContext, key: string, config: unknown, mode: 'many' | 'first') {
  try {
    return parseByShape(schema, key, options, config, mode);
  } catch (error) {
    return { error };
  }
}

/**
 * Runs every config three times through one schema's shapes (seen, made, served) and through
 * its own parse: the same query and plan, or the same error. The counts of each outcome.
 */
function compare(generated: ReturnType<typeof configs>) {
  const schema = new SchemaContext(relations);
  let shaped = 0;
  let refused = 0;
  for (const { config, mode } of generated) {
    const own = ownPlan(schema, 'items', config, mode);
    const label = JSON.stringify(config, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    for (let call = 0; call < 3; call++) {
      const answer = byShape(schema, 'items', config, mode);
      if ('error' in own) {
        refused++;
        expect(answer, label).toEqual(own);
        continue;
      }
      if ('error' in answer) throw answer.error;
      expect(answer.query, label).toEqual(own.query);
      if (answer.plan === undefined) continue;
      shaped++;
      expect(answer.plan, label).toEqual(own.plan);
    }
  }
  return { shaped, refused };
}

describe('parseByShape', () => {
  it('gives the query and plan of the config itself for 3,000 generated configs, and its error where it is refused', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { shaped, refused } = compare(configs(seed, 500, false));
      // The generator reaches both sides: configs a shape serves, and configs their own parse refuses.
      expect(shaped).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(50);
    }
  });

  it('gives the plan of the config itself where shapes recur: 2,000 configs over two fields and four values', () => {
    const { shaped } = compare(configs(7, 2000, true));
    expect(shaped).toBeGreaterThan(3000);
  });

  it('serves a shape from its third call, each call with its own values: those of the calls that made it do not stick', () => {
    const schema = new SchemaContext(relations);
    const answers = [1, 2, 3, 4].map((rank) => parseByShape(schema, 'notes', options, { where: { rank } }, 'many'));
    expect(answers.map((answer) => answer.plan !== undefined)).toEqual([false, false, true, true]);
    [1, 2, 3, 4].forEach((rank, i) => {
      const own = parseQuery(schema, 'notes', { where: { rank } }, 'many');
      expect(answers[i]!.query).toEqual(own);
      if (answers[i]!.plan) expect(answers[i]!.plan).toEqual(planRoot(own));
    });
  });

  it('serves one shape for every limit and offset, and plans on its own a window of no rows', () => {
    const schema = new SchemaContext(relations);
    const page = (limit: number, offset: number) =>
      parseByShape(schema, 'notes', options, { where: { rank: { gt: 1 } }, limit, offset }, 'many');
    page(10, 0);
    page(20, 10);
    for (const [limit, offset] of [
      [5, 40],
      [1, 0],
      [0, 3],
    ] as const) {
      const own = parseQuery(schema, 'notes', { where: { rank: { gt: 1 } }, limit, offset }, 'many');
      const answer = page(limit, offset);
      expect(answer.query).toEqual(own);
      expect(answer.plan).toEqual(limit === 0 ? undefined : planRoot(own));
    }
  });

  it('plans an integer zero on its own, once, rather than binding it and planning again', () => {
    const schema = new SchemaContext(relations);
    for (const rank of [1, 2]) parseByShape(schema, 'notes', options, { where: { rank } }, 'many');
    const zero = parseByShape(schema, 'notes', options, { where: { rank: 0 } }, 'many');
    expect(zero.plan).toBeUndefined();
    expect(zero.query).toEqual(parseQuery(schema, 'notes', { where: { rank: 0 } }, 'many'));
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
      { where: { rank: 1 }, orderBy: { rank: 'desc' } },
      { where: { rank: 1 }, columns: { body: true } },
    ];
    for (let round = 0; round < 3; round++) {
      for (const config of configs) {
        expect(byShape(schema, 'notes', config, 'many'), JSON.stringify(config)).toMatchObject(
          ownPlan(schema, 'notes', config, 'many').error === undefined
            ? { query: parseQuery(schema, 'notes', config, 'many') }
            : { error: ownPlan(schema, 'notes', config, 'many').error },
        );
      }
    }
  });

  it("keeps a shape's template with the shape it has, also for a config whose getter answers differently on each read", () => {
    // Every pattern of answers of up to four reads: the shapes' walks read the config up to three times a call.
    for (let pattern = 0; pattern < 16; pattern++) {
      const schema = new SchemaContext(relations);
      let reads = 0;
      const fickle = {
        get where() {
          return (pattern >> (reads++ % 4)) & 1 ? { rank: { gt: 1 } } : { rank: 1 };
        },
      };
      for (let call = 0; call < 6; call++) byShape(schema, 'notes', fickle, 'many');
      for (const config of [{ where: { rank: 5 } }, { where: { rank: { gt: 5 } } }]) {
        for (let call = 0; call < 3; call++) {
          const answer = parseByShape(schema, 'notes', options, config, 'many');
          const own = parseQuery(schema, 'notes', config, 'many');
          expect(answer.query, `${pattern}: ${JSON.stringify(config)}`).toEqual(own);
          if (answer.plan) expect(answer.plan).toEqual(planRoot(own));
        }
      }
    }
  });

  it('leaves to the config its own parse what a shape cannot hold: rules, callbacks, relations, in-lists, OR', () => {
    const schema = new SchemaContext(relations);
    const ruled = schema.withRules({ ready: () => Promise.resolve(), filter: () => null });
    for (let call = 0; call < 3; call++) {
      expect(parseByShape(ruled, 'notes', options, { where: { rank: 1 } }, 'many').plan).toBeUndefined();
    }
    for (const config of [
      { where: { rank: { in: [1, 2] } } },
      { where: { OR: [{ rank: 1 }, { rank: 2 }] } },
      { where: { body: { like: 'x%' } } },
      { where: { rank: 1 }, orderBy: (n: any, { desc }: any) => [desc(n.rank)] },
      { where: { rank: 1 }, extras: { twice: (row: any) => row.rank * 2 } },
    ]) {
      for (let call = 0; call < 3; call++) {
        expect(parseByShape(schema, 'notes', options, config, 'many').plan, String(call)).toBeUndefined();
      }
    }
  });
});
