/**
 * Brings both ORMs' results to one comparable form: plain JSON-like values
 * with object keys sorted (so key order never matters), `_id` renamed to the
 * logical `id`, Convex ids replaced by logical ids, and values Convex and
 * Postgres spell differently (bigint) in one spelling.
 *
 * `_creationTime` has no Postgres counterpart. It is dropped from a Convex row
 * only where the level selected every column (no `columns`, or false-mode),
 * the one case where Convex returns it and Drizzle has nothing to match; in
 * true-mode it must not appear, so it is kept and would show up as a diff.
 */
import { foreignKeys, seed, type TableKey } from '../fixture/seed.js';
import type { NeutralConfig } from './neutral.js';
import { relationTarget } from './translate.js';

/** A row id that is not in the seed: a row the scenario inserted. */
export const NEW_ROW = '<new row>';
const UNDEFINED = '<undefined>';

export interface Outcome {
  readonly value?: unknown;
  readonly error?: string;
}

/** Runs `fn`, capturing a throw as the outcome instead of failing. */
export async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** `Name: message`, followed by the causes (Drizzle wraps Postgres errors in `DrizzleQueryError`). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = `${error.name}: ${error.message}`;
  return error.cause === undefined ? own : `${own} <- ${describeError(error.cause)}`;
}

/**
 * Drizzle values: ids are already logical. With `rowsOf`, the value holds rows
 * of that table (a mutation's `returning` or a table snapshot), and an id or
 * foreign key beyond the seed is a {@link NEW_ROW}, as on the Convex side.
 */
export function normalizeDrizzle(value: unknown, rowsOf?: TableKey): unknown {
  const fresh = (table: TableKey, v: unknown) => (typeof v === 'number' && v > seed[table].length ? NEW_ROW : v);
  const rows = Array.isArray(value) && rowsOf ? value.map((row) => markNewRows(row, rowsOf, fresh)) : value;
  return canonical(rows, (key, v) => [key === '_id' ? 'id' : key, v]);
}

function markNewRows(row: unknown, table: TableKey, fresh: (table: TableKey, v: unknown) => unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  return Object.fromEntries(
    Object.entries(row).map(([key, v]) => {
      if (key === 'id' || key === '_id') return [key, fresh(table, v)];
      const target = foreignKeys[table]?.[key];
      return [key, target ? fresh(target, v) : v];
    }),
  );
}

/** Convex values: ids become logical ids (or {@link NEW_ROW}); `_creationTime` per the rule above. */
export function normalizeConvex(
  value: unknown,
  toLogical: ReadonlyMap<string, number>,
  shape?: { table: TableKey; config: NeutralConfig | undefined },
): unknown {
  const ids = (v: unknown): unknown => {
    if (typeof v === 'string' && looksLikeConvexId(v)) return toLogical.get(v) ?? NEW_ROW;
    if (Array.isArray(v)) return v.map(ids);
    return v;
  };
  const mapped = shape ? dropCreationTime(value, shape.table, shape.config) : value;
  return canonical(mapped, (key, v) => [key === '_id' ? 'id' : key, ids(v)]);
}

/** convex-test's ids: a zero-padded counter then the table name, 32 characters in all. */
function looksLikeConvexId(value: string): boolean {
  const match = /^[0-9]+([a-zA-Z][a-zA-Z0-9_]*)$/.exec(value);
  return value.length === 32 && match !== null && match[1]! in seed;
}

function dropCreationTime(value: unknown, table: TableKey, config: NeutralConfig | undefined): unknown {
  if (Array.isArray(value)) return value.map((row) => dropCreationTime(row, table, config));
  if (value === null || typeof value !== 'object') return value;
  const row = { ...(value as Record<string, unknown>) };
  const columns = config?.columns as Record<string, unknown> | undefined;
  const trueMode = columns !== undefined && Object.values(columns).some((v) => v === true);
  if (!trueMode) delete row._creationTime;
  const withConfig = (config?.with ?? {}) as Record<string, unknown>;
  for (const [relation, nested] of Object.entries(withConfig)) {
    const target = relationTarget(table, relation);
    if (!target || !(relation in row)) continue;
    row[relation] = dropCreationTime(
      row[relation],
      target,
      typeof nested === 'object' ? (nested as NeutralConfig) : undefined,
    );
  }
  return row;
}

function canonical(value: unknown, entry: (key: string, value: unknown) => [string, unknown]): unknown {
  if (value === undefined) return UNDEFINED;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof ArrayBuffer) return { $bytes: [...new Uint8Array(value)] };
  if (value instanceof Uint8Array) return { $bytes: [...value] };
  if (Array.isArray(value)) return value.map((item) => canonical(item, entry));
  if (value === null || typeof value !== 'object') return value;
  const pairs = Object.entries(value).map(([key, v]) => {
    const [newKey, newValue] = entry(key, v);
    return [newKey, canonical(newValue, entry)] as const;
  });
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(pairs);
}
