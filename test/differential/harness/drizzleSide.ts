/** Runs neutral scenarios on the Drizzle side and normalizes the outcome. */
import type { DrizzleDb } from '../fixture/drizzle.js';
import type { QueryScenario } from './neutral.js';
import { normalizeDrizzle, type Outcome, outcome } from './normalize.js';
import { toDrizzleConfig } from './translate.js';

type QueryMethod = (config?: unknown) => Promise<unknown>;

export async function runDrizzleQuery(db: DrizzleDb, scenario: QueryScenario): Promise<Outcome> {
  const query = (db.query as unknown as Record<string, Record<string, QueryMethod>>)[scenario.table];
  const method = query?.[scenario.method];
  if (!method) throw new Error(`Drizzle has no db.query.${scenario.table}.${scenario.method}`);
  const result = await outcome(() =>
    scenario.config === undefined
      ? method.call(query)
      : method.call(query, toDrizzleConfig(scenario.table, scenario.config)),
  );
  return result.error === undefined ? { value: normalizeDrizzle(result.value) } : result;
}
