/** Runs neutral query scenarios on convex-orm (convex-test) and normalizes the outcome. */
import { type bootConvex, type IdMap, orm } from '../fixture/convex.js';
import type { QueryScenario } from './neutral.js';
import { normalizeConvex, type Outcome, outcome } from './normalize.js';
import { toConvexConfig } from './translate.js';

export type ConvexTest = Awaited<ReturnType<typeof bootConvex>>['t'];
type QueryMethod = (config?: unknown) => Promise<unknown>;

export async function runConvexQuery(t: ConvexTest, idMap: IdMap, scenario: QueryScenario): Promise<Outcome> {
  const config = scenario.config === undefined ? undefined : toConvexConfig(scenario.table, scenario.config, idMap);
  const result = await outcome(() =>
    t.run(async (ctx) => {
      const query = (orm.db(ctx).query as unknown as Record<string, Record<string, QueryMethod>>)[scenario.table];
      const method = query?.[scenario.method];
      if (!method) throw new Error(`convex-orm has no db.query.${scenario.table}.${scenario.method}`);
      return (await (config === undefined ? method.call(query) : method.call(query, config))) as never;
    }),
  );
  if (result.error !== undefined) return result;
  return { value: normalizeConvex(result.value, idMap.toLogical, { table: scenario.table, config: scenario.config }) };
}
