/**
 * The neutral form scenarios are written in: a Drizzle v1 query config over
 * the fixture where `id` means the logical row id (serial id in Postgres;
 * `_id` or insertion-order `_creationTime` in Convex) and foreign keys hold
 * logical ids. `translate.ts` turns it into each side's own config.
 */
import type { TableKey } from '../fixture/seed.js';

/** A neutral query config (untyped on purpose: one config drives two ORMs). */
export type NeutralConfig = Record<string, unknown>;

/** One query run on both databases and compared. */
export interface QueryScenario {
  /** Unique; starts with the catalogue line (`A573`, `J11514`...) where there is one. */
  readonly name: string;
  readonly table: TableKey;
  readonly method: 'findMany' | 'findFirst';
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
