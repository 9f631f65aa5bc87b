import type { Value } from 'convex/values';
import { andNodes } from '../filter/tree.js';
import { spanPays } from '../limits/meteredDb.js';
import { bindPlan } from '../planner/bind.js';
import type { ExecutionContext } from '../query/context.js';
import { spansKeys } from '../query/loadRelated.js';
import { mapBounded, readConcurrency } from '../query/mapBounded.js';
import { type Doc, indexComparator } from '../query/readIndex.js';
import { rangesOf } from '../query/relatedRows.js';
import { matchingRows } from '../query/selectRows.js';
import { keyOf, spanGroups } from '../query/spanGroups.js';
import type { ParsedJoin } from './planJoin.js';

/** True when a join's lookups of many keys can be one range over their span: one key column, not `_id` ({@link spansKeys}), read by index. */
export const spansLookups = (join: ParsedJoin): boolean =>
  join.lookup.plan.kind === 'index' && spansKeys(join.keys.map(({ field }) => field));

/**
 * The rows a join's lookup gives each of the `distinct` keys (the key values, by a key of them),
 * for a select that reads every match: one lookup per key, many in flight at once, as hand-written
 * code would `Promise.all` them. Or, as a relational `with` load reads its keys, one range over
 * the keys' span grouped by key in memory, each key's rows in the order its own lookup gives:
 * when the join {@link spansLookups} and the lookups would take more than half the index ranges
 * the transaction has left ({@link spanPays}).
 */
export async function keyLookups(
  context: ExecutionContext,
  join: ParsedJoin,
  distinct: ReadonlyMap<string, Value[]>,
): Promise<Map<string, readonly Doc[]>> {
  const { plan } = join.lookup;
  if (plan.kind === 'index' && spansLookups(join) && spanPays(context.db, distinct.size * rangesOf(plan))) {
    const groups = await spanGroups(
      context,
      join.table,
      join.keys[0]!.field,
      [...distinct.values()].map((values) => values[0]!),
      (span) => andNodes([...span, join.conditions]),
      indexComparator(plan),
    );
    return new Map([...distinct].map(([key, values]) => [key, groups.get(keyOf(values)) ?? []]));
  }
  const found = new Map<string, readonly Doc[]>();
  await mapBounded(
    [...distinct],
    async ([key, values]) => {
      const rows: Doc[] = [];
      for await (const doc of matchingRows(context, bindPlan(join.lookup, values))) rows.push(doc);
      found.set(key, rows);
    },
    readConcurrency(context.db),
  );
  return found;
}
