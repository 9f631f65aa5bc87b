/**
 * docs/queries.md, Prepared queries — "Planning is pure (no reads), so
 * either way results and read costs equal the unprepared query's", for the planner's newest shapes:
 * NOT pushed down to the conditions under it (src/filter/tree.ts `notNode`) and same-field OR / AND
 * of ranges and equalities read as the union / intersection of their intervals
 * (src/planner/conditions.ts `combinedRange`), with placeholders anywhere in them, and a field
 * compared with a placeholder beside such shapes (planned once or per execution,
 * src/query/preparedPlan.ts `fieldsPlannable`). No existing test draws random NOT/OR/AND trees with
 * random placeholder positions (test/convex/preparedMatchesUnprepared.test.ts has fixed configs).
 *
 * Seeded: random where-trees over two fields (a float column with -0, NaN, ±Infinity, null and absent
 * values; a text column), placeholders at random positions (values, `in` lists or their items, `like`
 * patterns, `limit`), each prepared query executed with several value sets in one transaction (no
 * state may leak between executions), against the query with the values written in: the same rows,
 * the same reads (countReads), the same explain() apart from `prepared` (residual and suggested
 * index included: eqPlaceholderBesideSameFieldOrKeepsResidual.test.ts).
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  isOrmError,
  number,
  sql,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { seededRandom } from '../seededRandom';

const items = convexTable('items', { pos: integer().notNull(), x: number(), y: text() }, (t) => [
  index('by_x').on(t.x),
  index('by_y').on(t.y),
  index('by_xy').on(t.x, t.y),
]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

type Field = 'x' | 'y';
const POOL: Record<Field, unknown[]> = {
  x: [-1, -0, 0, 0.5, 1, 2, 3, Number.NaN, Number.POSITIVE_INFINITY, null, 1.5],
  y: ['a', 'b', 'ba', 'c', '', null, 'bb'],
};
const PATTERNS = ['a%', 'b%', '%a', 'b', 'b_', '%'];
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const code = (e: unknown) => (isOrmError(e) ? `${e.code}: ${e.message}` : `RAW ${(e as Error)?.message}`);

/** A where-tree and, per placeholder, what it stands for (a field's value, a list of them, a pattern, a limit). */
function generate(r: () => number) {
  const kinds: Record<string, string> = {};
  let n = 0;
  const placeholder = (kind: string) => {
    const name = `p${n++}`;
    kinds[name] = kind;
    return sql.placeholder(name);
  };
  const literal = (field: Field) =>
    pick(
      r,
      POOL[field].filter((v) => v !== null),
    );
  const value = (field: Field) => (r() < 0.5 ? placeholder(field) : literal(field));
  const condition = (field: Field, depth: number): Record<string, unknown> => {
    const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'isNotNull', 'range'];
    if (field === 'y') ops.push('like', 'notLike');
    if (depth < 2) ops.push('NOT', 'OR', 'AND');
    const op = pick(r, ops);
    switch (op) {
      case 'in':
      case 'notIn':
        return { [op]: r() < 0.3 ? placeholder(`list-${field}`) : [value(field), value(field)] };
      case 'isNull':
      case 'isNotNull':
        return { [op]: true };
      case 'like':
      case 'notLike':
        return { [op]: r() < 0.5 ? placeholder('pattern') : pick(r, PATTERNS) };
      case 'NOT':
        return { NOT: condition(field, depth + 1) };
      case 'OR':
      case 'AND':
        return { [op]: [condition(field, depth + 1), condition(field, depth + 1)] };
      case 'range':
        return { [pick(r, ['gt', 'gte'])]: value(field), [pick(r, ['lt', 'lte'])]: value(field) };
      default:
        return { [op]: value(field) };
    }
  };
  const tree = (depth: number): Record<string, unknown> => {
    const k = r();
    if (depth > 2 || k < 0.5) {
      const field = pick(r, ['x', 'y'] as const);
      return { [field]: r() < 0.2 ? value(field) : condition(field, 0) };
    }
    if (k < 0.7) return { OR: [tree(depth + 1), tree(depth + 1)] };
    if (k < 0.85) return { NOT: tree(depth + 1) };
    return { AND: [tree(depth + 1), tree(depth + 1)] };
  };
  // Half the configs are a flat where: a field's comparisons with placeholders (the plan-once shape)
  // beside literal NOT / OR / AND on the same or the other field.
  let where: Record<string, unknown>;
  if (r() < 0.5) {
    where = {};
    for (const field of ['x', 'y'] as const) {
      if (r() < 0.3) continue;
      const ops: Record<string, unknown> = {};
      for (let k = 0; k < 1 + Math.floor(r() * 2); k++) {
        ops[pick(r, ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'])] = r() < 0.8 ? placeholder(field) : literal(field);
      }
      where[field] = ops;
    }
    const f = pick(r, ['x', 'y'] as const);
    const shape = r();
    if (shape < 0.25) where.OR = [{ [f]: condition(f, 1) }, { [f]: condition(f, 1) }];
    else if (shape < 0.5) where.NOT = { [f]: condition(f, 0) };
    else if (shape < 0.7) where.NOT = { OR: [{ [f]: condition(f, 1) }, { [f]: condition(f, 1) }] };
    else if (shape < 0.9) where.NOT = { AND: [{ [f]: condition(f, 1) }, { [f]: condition(f, 1) }] };
  } else {
    where = r() < 0.5 ? tree(0) : { AND: [tree(1), tree(1)] };
  }
  const config: Record<string, unknown> = { where };
  const orderBy = pick(r, [undefined, { x: 'asc' }, { y: 'desc' }, { pos: 'asc' }]);
  if (orderBy) config.orderBy = orderBy;
  const limit = pick(r, [undefined, 1, 3, 'placeholder']);
  if (limit === 'placeholder') config.limit = placeholder('limit');
  else if (limit !== undefined) config.limit = limit;
  // Only the placeholders the config kept (an operator drawn twice for a field keeps its last).
  const used = new Set<string>();
  JSON.stringify(config, (_k, v) => {
    if (isPlaceholder(v)) used.add(v.name);
    return v;
  });
  return { config, kinds: Object.fromEntries(Object.entries(kinds).filter(([name]) => used.has(name))) };
}

/** Values for the placeholders of `kinds`. */
function valuesFor(r: () => number, kinds: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => {
      if (kind === 'limit') return [name, pick(r, [0, 1, 2, 5])];
      if (kind === 'pattern') return [name, pick(r, PATTERNS)];
      if (kind.startsWith('list-')) {
        const pool = POOL[kind.slice(5) as Field].filter((v) => v !== null);
        return [name, Array.from({ length: Math.floor(r() * 3) }, () => pick(r, pool))];
      }
      return [name, pick(r, POOL[kind as Field])];
    }),
  );
}

const isPlaceholder = (v: unknown): v is { name: string } =>
  typeof v === 'object' && v !== null && v.constructor?.name === 'Placeholder';

/** The config with the values written in (a null shorthand value as `{ eq: null }`, as the placeholder compares). */
function written(config: unknown, values: Record<string, unknown>): unknown {
  if (isPlaceholder(config)) return values[config.name];
  if (Array.isArray(config)) return config.map((c) => written(c, values));
  if (typeof config === 'object' && config !== null && Object.getPrototypeOf(config) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(config).map(([k, v]) => {
        const bound = written(v, values);
        return [k, isPlaceholder(v) && bound === null && (k === 'x' || k === 'y') ? { eq: null } : bound];
      }),
    );
  }
  return config;
}

// -0, NaN and the infinities apart, and keys sorted.
const text_ = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0))
      ? `#${Object.is(x, -0) ? '-0' : String(x)}`
      : x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1)))
        : x,
  );

describe('prepared NOT / OR / AND trees with random placeholders equal the written query', () => {
  it('rows, reads and plan (seeded)', async () => {
    const t = convexTest(schema, modules);
    const rows = seededRandom(1);
    await t.run(async (ctx) => {
      for (let pos = 0; pos < 40; pos++) {
        const x = pick(rows, [...POOL.x, undefined]);
        const y = pick(rows, [...POOL.y, undefined]);
        await ctx.db.insert('items', {
          pos,
          ...(x === undefined ? {} : { x }),
          ...(y === undefined ? {} : { y }),
        } as never);
      }
    });
    const problems: unknown[] = [];
    for (let seed = 0; seed < 250; seed++) {
      const r = seededRandom(seed);
      const { config, kinds } = generate(r);
      const prepared = orm.query.items.findMany(config as never).prepare(`q${seed}`);
      await t.run(async (raw) => {
        for (let run = 0; run < 4; run++) {
          const values = valuesFor(r, kinds);
          const plain = written(config, values) as never;
          const a = countReads(raw);
          const b = countReads(raw);
          const outcome = async (f: () => PromiseLike<unknown>) => {
            try {
              return await f();
            } catch (e) {
              return code(e);
            }
          };
          const plan = (f: () => Record<string, unknown>) => {
            try {
              const { prepared: _how, ...rest } = f();
              return rest;
            } catch (e) {
              return code(e);
            }
          };
          const got = [
            await outcome(() => prepared.execute(a.ctx, values as never)),
            { ...a.reads },
            plan(() => prepared.explain(values as never) as never),
          ];
          const want = [
            await outcome(() => orm.db(b.ctx).query.items.findMany(plain)),
            { ...b.reads },
            plan(() => orm.db(raw).query.items.findMany(plain).explain() as never),
          ];
          if (text_(got) !== text_(want))
            problems.push({
              seed,
              run,
              config: text_(config),
              values: text_(values),
              got: text_(got),
              want: text_(want),
            });
        }
      });
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
