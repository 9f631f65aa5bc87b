/** Runs neutral scenarios on the Drizzle side and normalizes the outcome. */
import type { DrizzleDb } from '../fixture/drizzle.js';
import type { QueryScenario } from './neutral.js';
import { normalizeDrizzle, type Outcome, outcome } from './normalize.js';
import { toDrizzleConfig } from './translate.js';

type QueryMethod = (config?: unknown) => Promise<unknown>;

/** `findFirst` as is; `findMany` for `findMany`, `count` (its length) and `paginate` (all pages at once). */
export async function runDrizzleQuery(db: DrizzleDb, scenario: QueryScenario): Promise<Outcome> {
  const query = (db.query as unknown as Record<string, Record<string, QueryMethod>>)[scenario.table];
  const name = scenario.method === 'findFirst' ? 'findFirst' : 'findMany';
  const method = query?.[name];
  if (!method) throw new Error(`Drizzle has no db.query.${scenario.table}.${name}`);
  const result = await outcome(() =>
    scenario.config === undefined
      ? method.call(query)
      : method.call(query, toDrizzleConfig(scenario.table, scenario.config)),
  );
  if (result.error !== undefined) return result;
  if (scenario.method === 'count') return { value: (result.value as unknown[]).length };
  return { value: normalizeDrizzle(result.value) };
}
