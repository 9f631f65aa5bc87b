import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../../src/index';

// Items with nullable / absent fields and single- and multi-field indexes, for unions of OR branches.
export const items = convexTable('items', { a: text(), b: integer(), c: text(), d: integer(), n: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
  index('by_c_d').on(t.c, t.d),
  index('by_d_a').on(t.d, t.a),
  index('by_n').on(t.n),
]);
export const tables = { items };
export const relations = defineRelations(tables, () => ({}));
export const orm = createOrm({ relations });
export const schema = defineSchema(tables);
export const backend = () => convexTest({ schema, modules, transactionLimits: true });

export function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const ABSENT = Symbol('absent');
export const DOMAIN: Record<string, readonly unknown[]> = {
  a: ['x', 'y', 'z', null, ABSENT],
  b: [1, 2, 3, null, ABSENT],
  c: ['p', 'q', null, ABSENT],
  d: [0, 1, 2, ABSENT],
  n: [0, 1, 2, 3],
};

export function randomRow(r: () => number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(DOMAIN)) {
    const v = pick(r, values);
    if (v !== ABSENT) row[field] = v;
  }
  return row;
}

/**
 * Every page of `config` on `t` through `db` (an ORM's), walked to the end with `numItems` a page;
 * null when paginate refuses the config (INVALID_QUERY: an order no index gives).
 */
export function walkPages(t: ReturnType<typeof backend>, db: { db(ctx: any): any }, config: object, numItems: number) {
  return t.run(async (ctx: any) => {
    const rows: any[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: any = await db
        .db(ctx)
        .query.items.paginate({ numItems, cursor }, config as never)
        .catch((error: any) => (error.code === 'INVALID_QUERY' ? null : Promise.reject(error)));
      if (page === null) return null;
      rows.push(...page.page);
      cursor = page.continueCursor;
      if (page.isDone) return rows;
    }
    throw new Error('pages never ended');
  });
}

/** A backend (of `make`, this fixture's by default) holding `count` random rows of the seed's generator, and the generator to go on with. */
export async function seededItems(seed: number, count: number, make: () => ReturnType<typeof backend> = backend) {
  const r = rng(seed);
  const t = make();
  await t.run(async (ctx: any) => {
    for (let i = 0; i < count; i++) await ctx.db.insert('items', randomRow(r));
  });
  return { r, t };
}

const nonNull = (field: string) => DOMAIN[field]!.filter((v) => v !== null && v !== ABSENT);

/** A random leaf condition on one field (where-object syntax). */
function leaf(r: () => number): Record<string, unknown> {
  const field = pick(r, ['a', 'b', 'c', 'd', 'n']);
  const values = nonNull(field);
  const k = r();
  if (k < 0.45) return { [field]: pick(r, values) };
  if (k < 0.6) return { [field]: { in: [pick(r, values), pick(r, values)] } };
  if (k < 0.68) return { [field]: { isNull: true } };
  if (k < 0.74) return { [field]: { isNotNull: true } };
  if (k < 0.82) return { [field]: { [pick(r, ['gt', 'gte', 'lt', 'lte'])]: pick(r, values) } };
  if (k < 0.9) return { [field]: { ne: pick(r, values) } };
  return { [field]: { notIn: [pick(r, values)] } };
}

/** A random filter with an OR across fields (often), nested AND/OR/NOT. */
export function randomWhere(r: () => number, depth = 0): Record<string, unknown> {
  const k = r();
  if (depth >= 2 || k < 0.35) return leaf(r);
  if (k < 0.75) {
    const n = 2 + Math.floor(r() * 2);
    return { OR: Array.from({ length: n }, () => randomWhere(r, depth + 1)) };
  }
  if (k < 0.92) return { AND: [randomWhere(r, depth + 1), randomWhere(r, depth + 1)] };
  return { NOT: randomWhere(r, depth + 1) };
}

type Tri = boolean | null;
const and3 = (xs: Tri[]): Tri => (xs.some((x) => x === false) ? false : xs.some((x) => x === null) ? null : true);
const or3 = (xs: Tri[]): Tri => (xs.some((x) => x === true) ? true : xs.some((x) => x === null) ? null : false);
const not3 = (x: Tri): Tri => (x === null ? null : !x);

function cmp(a: any, b: any): number {
  // values of one type per field here
  return a < b ? -1 : a > b ? 1 : 0;
}

function leafOp(value: unknown, op: string, operand: any): Tri {
  if (op === 'isNull') return operand ? value == null : value != null;
  if (op === 'isNotNull') return operand ? value != null : value == null;
  if (value == null) return null;
  switch (op) {
    case 'eq':
      return cmp(value, operand) === 0;
    case 'ne':
      return cmp(value, operand) !== 0;
    case 'gt':
      return cmp(value, operand) > 0;
    case 'gte':
      return cmp(value, operand) >= 0;
    case 'lt':
      return cmp(value, operand) < 0;
    case 'lte':
      return cmp(value, operand) <= 0;
    case 'in':
      return operand.some((v: unknown) => cmp(value, v) === 0);
    case 'notIn':
      return !operand.some((v: unknown) => cmp(value, v) === 0);
  }
  throw new Error(`op ${op}`);
}

/** SQL three-valued evaluation of a where object. */
export function evalWhere(where: Record<string, any>, row: Record<string, unknown>): Tri {
  const parts: Tri[] = [];
  for (const [key, cond] of Object.entries(where)) {
    if (key === 'OR') parts.push(or3(cond.map((w: any) => evalWhere(w, row))));
    else if (key === 'AND') parts.push(and3(cond.map((w: any) => evalWhere(w, row))));
    else if (key === 'NOT') parts.push(not3(evalWhere(cond, row)));
    else if (cond !== null && typeof cond === 'object')
      parts.push(and3(Object.entries(cond).map(([op, operand]) => leafOp(row[key], op, operand))));
    else parts.push(leafOp(row[key], 'eq', cond));
  }
  return and3(parts);
}

/** Convex order: absent < null < numbers < strings (one type per field here). */
export function convexCompare(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === undefined ? 0 : v === null ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return ra === 2 ? cmp(a, b) : 0;
}

/** Values an equality of a branch picks from, per field. */
const BRANCH_VALUES: Record<string, readonly unknown[]> = {
  a: ['x', 'y', 'z'],
  b: [1, 2, 3],
  c: ['p', 'q'],
  d: [0, 1, 2],
  n: [0, 1, 2, 3],
};

/** How often {@link randomBranch} makes each shape (shares of one, in turn; the rest a random where). */
export interface BranchShares {
  /** An `isNull` (drawn first, only when given). */
  readonly isNull?: number;
  /** An equality or two-value list alone. */
  readonly eq: number;
  /** That equality ANDed with a random where (cumulative with `eq`). */
  readonly and: number;
}

/** A branch of an OR that an index can often pin: an equality or list on one of `fields`, maybe ANDed with more. */
export function randomBranch(
  r: () => number,
  fields: readonly string[],
  shares: BranchShares,
): Record<string, unknown> {
  const field = pick(r, fields);
  if (shares.isNull !== undefined && r() < shares.isNull) return { [field]: { isNull: true } };
  const values = BRANCH_VALUES[field]!;
  const eq = r() < 0.75 ? { [field]: pick(r, values) } : { [field]: { in: [pick(r, values), pick(r, values)] } };
  const k = r();
  if (k < shares.eq) return eq;
  if (k < shares.and) return { AND: [eq, randomWhere(r, 2)] };
  return randomWhere(r, 1);
}

/** True when `rows` are in `orderBy` order (Convex value order; `_creationTime` without one). */
export function sortedBy(rows: any[], orderBy: Record<string, 'asc' | 'desc'> | undefined): boolean {
  const specs = Object.entries(orderBy ?? { _creationTime: 'asc' });
  for (let i = 1; i < rows.length; i++) {
    for (const [field, dir] of specs) {
      const c = convexCompare(rows[i - 1][field], rows[i][field]);
      if (c === 0) continue;
      if ((dir === 'asc' ? c : -c) > 0) return false;
      break;
    }
  }
  return true;
}
