/**
 * The neutral form scenarios are written in: a Drizzle v1 query config over
 * the fixture where `id` means the logical row id (serial id in Postgres;
 * `_id` or insertion-order `_creationTime` in Convex) and foreign keys hold
 * logical ids. `translate.ts` turns it into each side's own config.
 */
import type { TableKey } from '../fixture/seed.js';

/** A neutral query config (untyped on purpose: one config drives two ORMs). */
export type NeutralConfig = Record<string, unknown>;

/**
 * An `extras` entry written for both ORMs: Drizzle computes it in SQL,
 * convex-orm with a function of the row (a documented divergence in how, not
 * in what: both must give the same value).
 */
export class DualExtra {
  constructor(
    readonly drizzle: (table: never, operators: never) => unknown,
    readonly convex: (row: never) => unknown,
  ) {}
}

export function extra<Row>(
  drizzle: (table: Record<string, never>, operators: { sql: never }) => unknown,
  convex: (row: Row) => unknown,
): DualExtra {
  return new DualExtra(drizzle as never, convex as never);
}

/** One query run on both databases and compared. */
export interface QueryScenario {
  /** Unique; starts with the catalogue line (`A573`, `J11514`...) where there is one. */
  readonly name: string;
  readonly table: TableKey;
  /**
   * `count` compares convex-orm's `count({ where })` with the number of rows
   * Drizzle's `findMany({ where })` returns; `paginate` compares the pages of
   * convex-orm's `paginate` (concatenated) with Drizzle's `findMany`.
   */
  readonly method: 'findMany' | 'findFirst' | 'count' | 'paginate';
  /** `numItems` of each page, for `paginate`. */
  readonly pageSize?: number;
  /** `undefined` calls the method with no argument. */
  readonly config: NeutralConfig | undefined;
  /** Both sides must throw, with messages matching this pattern. */
  readonly throws?: RegExp;
}

/** `findMany` on `table` (every array level carries an `orderBy`). */
export function many(name: string, table: TableKey, config?: NeutralConfig): QueryScenario {
  return { name, table, method: 'findMany', config };
}

/** `findFirst` on `table`; only for queries that find a row (a miss is a documented divergence). */
export function first(name: string, table: TableKey, config?: NeutralConfig): QueryScenario {
  return { name, table, method: 'findFirst', config };
}

/** convex-orm's `count({ where })` against the length of Drizzle's `findMany({ where })`. */
export function count(name: string, table: TableKey, where?: unknown): QueryScenario {
  return { name, table, method: 'count', config: where === undefined ? undefined : { where } };
}

/** convex-orm's `paginate` pages of `pageSize`, concatenated, against Drizzle's `findMany(config)`. */
export function pages(name: string, table: TableKey, pageSize: number, config: NeutralConfig): QueryScenario {
  return { name, table, method: 'paginate', config, pageSize };
}

/** A query both ORMs must reject, with messages matching `pattern`. */
export function fails(
  name: string,
  table: TableKey,
  config: NeutralConfig | undefined,
  pattern: RegExp,
  method: QueryScenario['method'] = 'findMany',
): QueryScenario {
  return { name, table, method, config, throws: pattern };
}

/** The operators both ORMs export, under the same names. */
export interface NeutralOperators {
  eq(column: unknown, value: unknown): unknown;
  ne(column: unknown, value: unknown): unknown;
  gt(column: unknown, value: unknown): unknown;
  gte(column: unknown, value: unknown): unknown;
  lt(column: unknown, value: unknown): unknown;
  lte(column: unknown, value: unknown): unknown;
  inArray(column: unknown, values: unknown[]): unknown;
  notInArray(column: unknown, values: unknown[]): unknown;
  isNull(column: unknown): unknown;
  isNotNull(column: unknown): unknown;
  like(column: unknown, pattern: string): unknown;
  ilike(column: unknown, pattern: string): unknown;
  between(column: unknown, from: unknown, to: unknown): unknown;
  and(...conditions: unknown[]): unknown;
  or(...conditions: unknown[]): unknown;
  not(condition: unknown): unknown;
}

/**
 * What a mutation scenario gets on each side: the ORM's `db`, the fixture's
 * tables (with `id` naming the row id column on both sides), the operators,
 * and `id(table, n)` giving the side's id of seeded row `n`. `db` and `t`
 * are untyped: one scenario body drives two differently typed ORMs.
 */
export interface MutationContext {
  readonly db: any;
  readonly t: Record<TableKey, any>;
  readonly op: NeutralOperators;
  readonly id: (table: TableKey, n: number) => unknown;
}

/** One mutation run on both databases; its result and the listed tables afterwards are compared. */
export interface MutationScenario {
  readonly name: string;
  /** The table whose rows the result holds (a new row's id is normalized as such). */
  readonly rowsOf?: TableKey;
  /** Tables whose full contents are compared after the scenario. */
  readonly after: readonly TableKey[];
  /** The result rows come back in an order neither ORM defines (update/delete returning): compare as sets. */
  readonly unordered?: boolean;
  /** Both sides must throw, with messages matching this pattern. */
  readonly throws?: RegExp;
  readonly run: (context: MutationContext) => Promise<unknown>;
}

/** What select scenarios use beyond the filter operators: orders and aggregates, under the same names on both sides. */
export interface SelectOperators extends NeutralOperators {
  asc(column: unknown): unknown;
  desc(column: unknown): unknown;
  count(column?: unknown): unknown;
  countDistinct(column: unknown): unknown;
  sum(column: unknown): unknown;
  avg(column: unknown): unknown;
  min(column: unknown): unknown;
  max(column: unknown): unknown;
}

/** What a select scenario gets on each side (as {@link MutationContext}, with the select operators). */
export interface SelectContext extends Omit<MutationContext, 'op'> {
  readonly op: SelectOperators;
  /** The table under another name (Drizzle's `alias` from `drizzle-orm/pg-core`, convex-orm's `alias`). */
  readonly alias: (table: any, name: string) => any;
}

/** One `db.select()` query run on both databases; the result rows are compared. */
export interface SelectScenario {
  readonly name: string;
  readonly run: (context: SelectContext) => PromiseLike<unknown>;
  /** The query gives no total order (SQL leaves it open): compare the rows as a multiset. */
  readonly unordered?: boolean;
  /**
   * Result keys holding `sum`/`avg`: Drizzle on Postgres returns numeric as
   * a string, convex-orm a number (a documented divergence); both are
   * compared as numbers rounded to 9 decimals.
   */
  readonly numeric?: readonly string[];
  /** Both sides must throw, with messages matching this pattern. */
  readonly throws?: RegExp;
}
