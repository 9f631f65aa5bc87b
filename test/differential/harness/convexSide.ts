/** Runs neutral query scenarios on convex-orm (convex-test) and normalizes the outcome. */
import { type bootConvex, type IdMap, orm } from '../fixture/convex.js';
import type { QueryScenario } from './neutral.js';
import { normalizeConvex, type Outcome, outcome } from './normalize.js';
import { toConvexConfig } from './translate.js';

interface Page {
  readonly page: unknown[];
  readonly isDone: boolean;
  readonly continueCursor: string;
}

/** Reads every page (one function call per page, as a client would) and concatenates them. */
async function allPages(read: (cursor: string | null) => Promise<Page>, pageSize: number): Promise<unknown[]> {
  const rows: unknown[] = [];
  let cursor: string | null = null;
  for (let calls = 0; calls < 100; calls++) {
    const result: Page = await read(cursor);
    if (result.page.length > pageSize) throw new Error(`A page held ${result.page.length} rows, more than ${pageSize}`);
    rows.push(...result.page);
    if (result.isDone) return rows;
    cursor = result.continueCursor;
  }
  throw new Error('paginate never reported isDone');
}

export type ConvexTest = Awaited<ReturnType<typeof bootConvex>>['t'];
type QueryMethod = (config?: unknown) => Promise<unknown>;

export async function runConvexQuery(t: ConvexTest, idMap: IdMap, scenario: QueryScenario): Promise<Outcome> {
  const config = scenario.config === undefined ? undefined : toConvexConfig(scenario.table, scenario.config, idMap);
  const call = (method: string, ...args: unknown[]) =>
    t.run(async (ctx) => {
      const query = (orm.db(ctx).query as unknown as Record<string, Record<string, QueryMethod>>)[scenario.table];
      const fn = query?.[method];
      if (!fn) throw new Error(`convex-orm has no db.query.${scenario.table}.${method}`);
      return (await fn.apply(query, args as never)) as never;
    });
  const result = await outcome(async () => {
    if (scenario.method !== 'paginate')
      return config === undefined ? call(scenario.method) : call(scenario.method, config);
    return allPages(
      (cursor) => call('paginate', { numItems: scenario.pageSize ?? 2, cursor }, config),
      scenario.pageSize ?? 2,
    );
  });
  if (result.error !== undefined) return result;
  if (scenario.method === 'count') return result;
  return { value: normalizeConvex(result.value, idMap.toLogical, { table: scenario.table, config: scenario.config }) };
}
