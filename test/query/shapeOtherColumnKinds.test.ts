// docs/queries.md ("Unprepared queries share plans by shape") says a
// shape-served call's results, errors and explain() are those of the config's own parse.
// test/query/shapePlans.test.ts checks that over text/integer/number/boolean/bigint/timestamp
// columns only; this extends it to the column kinds it does not generate: `_id`, id(), textEnum(),
// date(), timestamp({ mode: 'string' }), json(), custom() unions, arrayOf(), objectOf(), with values
// that are valid for some and invalid for others (another table's id, a malformed id, a value outside
// the enum, an impossible date, an ISO string, a lone surrogate, Infinity, NaN, -0, bigint beyond
// int64). Each config runs three times through one schema's shapes and must give its own parse's
// query and plan, or its error.
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  convexTable,
  custom,
  date,
  defineRelations,
  id,
  index,
  integer,
  json,
  objectOf,
  text,
  textEnum,
  timestamp,
} from '../../src/index';
import type { ReadOptions } from '../../src/query/execution';
import { planRoot } from '../../src/query/find';
import { parseQuery } from '../../src/query/parseQuery';
import { SchemaContext } from '../../src/query/schemaContext';
import { parseByShape } from '../../src/query/shapePlans';
import { seededRandom } from '../seededRandom';

const owners = convexTable('owners', { name: text().notNull() });
const things = convexTable(
  'things',
  {
    owner: id('owners'),
    kind: textEnum(['a', 'b']),
    day: date(),
    at: timestamp({ mode: 'string' }),
    meta: json(),
    tag: custom(v.union(v.literal('x'), v.literal(1))),
    list: arrayOf(integer().notNull()),
    obj: objectOf({ n: integer() }),
  },
  (t) => [
    index('by_owner').on(t.owner),
    index('by_kind_day').on(t.kind, t.day),
    index('by_at').on(t.at),
    index('by_meta').on(t.meta),
    index('by_tag').on(t.tag),
  ],
);
const relations = defineRelations({ owners, things });
const options: ReadOptions = { strict: false, scanBudget: 1000 };

const FIELDS = ['_id', 'owner', 'kind', 'day', 'at', 'meta', 'tag', 'list', 'obj', '_creationTime'];
const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const VALUES: unknown[] = [
  'a',
  'b',
  'c',
  'x',
  '',
  '2024-02-29',
  '2023-02-29',
  '2024-05-01T12:00:00.000Z',
  '2024-05-01',
  'kd7aaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'not an id',
  '\uD800',
  0,
  -0,
  1,
  2.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  true,
  false,
  0n,
  2n ** 70n,
  null,
];

function ownPlan(schema: SchemaContext, config: unknown, mode: 'many' | 'first') {
  try {
    const query = parseQuery(schema, 'things', config, mode);
    return { query, plan: planRoot(query) };
  } catch (error) {
    return { error };
  }
}

function byShape(schema: SchemaContext, config: unknown, mode: 'many' | 'first') {
  try {
    return parseByShape(schema, 'things', options, config, mode);
  } catch (error) {
    return { error };
  }
}

function configs(seed: number, count: number, narrow: boolean) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const fields = narrow ? [pick(FIELDS), pick(FIELDS)] : FIELDS;
  return Array.from({ length: count }, () => {
    const where: Record<string, unknown> = {};
    for (let i = 1 + Math.floor(random() * 2); i > 0; i--) {
      const field = pick(fields);
      if (random() < 0.5) where[field] = pick(VALUES);
      else {
        const ops: Record<string, unknown> = {};
        for (let j = 1 + Math.floor(random() * 2); j > 0; j--) ops[pick(OPS)] = pick(VALUES);
        where[field] = ops;
      }
    }
    const config: Record<string, unknown> = { where };
    if (random() < 0.3) config.orderBy = { [pick(['kind', 'day', 'at', 'tag'])]: pick(['asc', 'desc']) };
    if (random() < 0.2) config.limit = pick([1, 3]);
    return { config, mode: pick(['many', 'first'] as const) };
  });
}

describe('shapes over other column kinds (claim check)', () => {
  it("gives each config its own parse's query and plan, or its error", () => {
    let shaped = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const schema = new SchemaContext(relations);
      for (const { config, mode } of configs(seed, 400, seed > 4)) {
        if (mode === 'first' && 'limit' in config) delete config.limit;
        const own = ownPlan(schema, config, mode);
        const label = JSON.stringify(config, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
        for (let call = 0; call < 3; call++) {
          const answer = byShape(schema, config, mode);
          if ('error' in own) {
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
    }
    expect(shaped).toBeGreaterThan(200);
  });
});
