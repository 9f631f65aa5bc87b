/**
 * Runs a mutation scenario on each side and returns its outcome plus the
 * contents of the scenario's `after` tables, normalized.
 *
 * Drizzle: inside a transaction that always rolls back (the shared PGlite
 * stays seeded), with the scenario itself in a nested transaction (a
 * savepoint), so a failing scenario leaves the outer transaction usable for
 * the snapshot. Convex: a fresh seeded convex-test per scenario; the scenario
 * runs in one `t.run` (a failure aborts it, as it would abort a mutation) and
 * the snapshot is read raw in another. convex-orm runs through `orm.db(ctx)`,
 * the public API (queries plus the mutation API in a writer context).
 */

import * as convexOrm from 'convex-orm';
import { getTableConfig } from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm';
import { bootConvex, tables as convexTables, orm } from '../fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from '../fixture/drizzle.js';
import type { TableKey } from '../fixture/seed.js';
import type { MutationContext, MutationScenario, NeutralOperators } from './neutral.js';
import { normalizeConvex, normalizeDrizzle, type Outcome, outcome } from './normalize.js';

export interface MutationRun {
  readonly result: Outcome;
  readonly after: Readonly<Record<string, unknown>>;
}

const OPERATOR_NAMES = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'inArray',
  'notInArray',
  'isNull',
  'isNotNull',
  'like',
  'ilike',
  'between',
  'and',
  'or',
  'not',
] as const;

/** The operators of one ORM's module under the neutral names (`names` beyond the filter operators). */
export function operators<T = NeutralOperators>(source: Record<string, unknown>, names: readonly string[] = []): T {
  return Object.fromEntries([...OPERATOR_NAMES, ...names].map((name) => [name, source[name]])) as unknown as T;
}

export const sortRows = (rows: unknown): unknown =>
  Array.isArray(rows) ? [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : rows;

function finish(scenario: MutationScenario, result: Outcome, after: Record<string, unknown>): MutationRun {
  if (result.error !== undefined || !scenario.unordered) return { result, after };
  return { result: { value: sortRows(result.value) }, after };
}

export async function runDrizzleMutation(db: DrizzleDb, scenario: MutationScenario): Promise<MutationRun> {
  let run: MutationRun | undefined;
  try {
    await db.transaction(async (tx) => {
      const result = await outcome(() =>
        tx.transaction(
          async (inner) =>
            (await scenario.run({
              db: inner,
              t: drizzleTables,
              op: operators(drizzleOrm as never),
              id: (_table, n) => n,
            })) ?? null,
        ),
      );
      const after: Record<string, unknown> = {};
      for (const key of scenario.after) {
        after[key] = sortRows(normalizeDrizzle(await tx.select().from(drizzleTables[key]), key));
      }
      run = finish(
        scenario,
        result.error === undefined ? { value: normalizeDrizzle(result.value, scenario.rowsOf) } : result,
        after,
      );
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  if (!run) throw new Error(`Drizzle did not run "${scenario.name}"`);
  return run;
}

/** The convex-orm tables with `id` naming `_id`, as the neutral scenarios write it. */
/** A convex-orm table whose `id` column is its `_id`, as the scenarios name it. */
export const neutralConvexTable = <T extends object>(table: T): T =>
  new Proxy(table, { get: (target, property) => Reflect.get(target, property === 'id' ? '_id' : property) });

export const neutralConvexTables = Object.fromEntries(
  Object.entries(convexTables).map(([key, table]) => [key, neutralConvexTable(table)]),
) as Record<TableKey, unknown>;

export async function runConvexMutation(scenario: MutationScenario): Promise<MutationRun> {
  const { t, idMap } = await bootConvex();
  const context = (db: unknown): MutationContext => ({
    db,
    t: neutralConvexTables,
    op: operators(convexOrm as never),
    id: (table, n) => idMap.toConvex(table, n),
  });
  const raw = await outcome(() => t.run(async (ctx) => (await scenario.run(context(orm.db(ctx)))) ?? null));
  const result =
    raw.error === undefined ? { value: normalizeConvex(withoutCreationTime(raw.value), idMap.toLogical) } : raw;
  const snapshot = await t.run(async (ctx) => {
    const out: Record<string, unknown[]> = {};
    for (const key of scenario.after) out[key] = await ctx.db.query(key).collect();
    return out;
  });
  const after: Record<string, unknown> = {};
  for (const key of scenario.after) {
    const columns = Object.keys(getTableConfig(convexTables[key]).columns);
    const rows = (snapshot[key] ?? []).map((doc) => {
      const row: Record<string, unknown> = { _id: (doc as { _id: unknown })._id };
      for (const column of columns) row[column] = (doc as Record<string, unknown>)[column] ?? null;
      return row;
    });
    after[key] = sortRows(normalizeConvex(rows, idMap.toLogical));
  }
  return finish(scenario, result, after);
}

/** The value without `_creationTime` keys (Postgres has no counterpart), at `depth` levels of objects below arrays. */
export function withoutCreationTime(value: unknown, depth = 1): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutCreationTime(item, depth));
  if (value === null || typeof value !== 'object' || depth === 0) return value;
  const { _creationTime: _dropped, ...rest } = value as Record<string, unknown>;
  if (depth === 1) return rest;
  return Object.fromEntries(Object.entries(rest).map(([key, v]) => [key, withoutCreationTime(v, depth - 1)]));
}
