/**
 * Runs a select scenario on each side: Drizzle's `db.select()` on PGlite and
 * convex-orm's on convex-test (one `t.run`, through `orm.db(ctx)`), both
 * seeded alike and only read; results normalized as the query scenarios are.
 */
import * as convexOrm from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import * as drizzleOrm from 'drizzle-orm';
import { alias as drizzleAlias } from 'drizzle-orm/pg-core';
import { type bootConvex, orm } from '../fixture/convex.js';
import { type DrizzleDb, tables as drizzleTables } from '../fixture/drizzle.js';
import { neutralConvexTable, neutralConvexTables, operators, sortRows, withoutCreationTime } from './mutationSides.js';
import type { SelectContext, SelectOperators, SelectScenario } from './neutral.js';
import { normalizeConvex, normalizeDrizzle, type Outcome, outcome } from './normalize.js';

const SELECT_NAMES = ['asc', 'desc', 'count', 'countDistinct', 'sum', 'avg', 'min', 'max'] as const;

type Booted = Awaited<ReturnType<typeof bootConvex>>;

/** Numbers (or Postgres numeric strings) under the scenario's `numeric` keys as numbers rounded to 9 decimals. */
function numeric(scenario: SelectScenario, value: unknown): unknown {
  const keys = scenario.numeric ?? [];
  if (keys.length === 0 || !Array.isArray(value)) return value;
  const round = (v: unknown) => (v === null ? null : Math.round(Number(v) * 1e9) / 1e9);
  return value.map((row) =>
    Object.fromEntries(
      Object.entries(row as Record<string, unknown>).map(([key, v]) => [key, keys.includes(key) ? round(v) : v]),
    ),
  );
}

function finish(scenario: SelectScenario, result: Outcome, normalize: (value: unknown) => unknown): Outcome {
  if (result.error !== undefined) return result;
  const value = normalize(numeric(scenario, result.value));
  return { value: scenario.unordered ? sortRows(value) : value };
}

export async function runDrizzleSelect(db: DrizzleDb, scenario: SelectScenario): Promise<Outcome> {
  const context: SelectContext = {
    db,
    t: drizzleTables,
    op: operators<SelectOperators>(drizzleOrm as never, SELECT_NAMES),
    alias: drizzleAlias,
    id: (_table, n) => n,
  };
  return finish(scenario, await outcome(() => Promise.resolve(scenario.run(context))), (v) => normalizeDrizzle(v));
}

export async function runConvexSelect(booted: Booted, scenario: SelectScenario): Promise<Outcome> {
  const { idMap } = booted;
  const result = await outcome(async () => (await runCounted(booted, scenario)).value as never);
  // Whole rows sit at depth 1 (one table) or 2 (joins: { users: row, posts: row }).
  return finish(scenario, result, (v) => normalizeConvex(withoutCreationTime(v, 2), idMap.toLogical));
}

/** The documents convex-orm reads for a scenario (countReads), to tell index-served groups from read ones. */
export async function convexSelectReads(booted: Booted, scenario: SelectScenario): Promise<number> {
  return (await runCounted(booted, scenario)).documents;
}

function runCounted({ t, idMap }: Booted, scenario: SelectScenario): Promise<{ value: unknown; documents: number }> {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const context: SelectContext = {
      db: orm.db(ctx),
      t: neutralConvexTables,
      op: operators<SelectOperators>(convexOrm as never, SELECT_NAMES),
      alias: (table, name) => neutralConvexTable(convexOrm.alias(table, name)),
      id: (table, n) => idMap.toConvex(table, n),
    };
    const value = (await scenario.run(context)) as never;
    return { value, documents: reads.documents };
  });
}
