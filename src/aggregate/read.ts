import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { meterOf } from '../limits/meteredDb.js';
import { storedField } from '../ownField.js';
import { type ReadBudget, readEach } from '../query/budget.js';
import { type Doc, openRange } from '../query/readIndex.js';
import { extremaFields, extremaPinDeletion } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BUCKET_TABLE, type Bucket, KEY_SLOTS, totalsOf } from './buckets.js';
import type { AggregatePlan } from './plan.js';
import type { AggregateSpec } from './spec.js';
import { type AggregateState, isServed } from './state.js';
import { addTotals, emptyTotals, type Totals } from './totals.js';

/** One group of a served read: its key prefix and its totals. */
export interface Group {
  readonly key: readonly Value[];
  readonly totals: Totals;
}

/** A served read keeps every document it reads, and sums them up as they come. */
const everyRow = () => true;
const nothing = () => undefined;

/** Charges the documents a served read looks at to the query's scan budget, with the served read's error past it. */
class Reads {
  constructor(
    private readonly table: string,
    private readonly budget: ReadBudget,
  ) {}
  left(): number {
    return this.budget.left();
  }
  /** Reads `docs` as {@link readEach} does, each read reserved on the budget (`_count`s of many parents read at once). */
  each(docs: AsyncIterable<Doc>, take: (doc: Doc) => boolean): Promise<void> {
    return readEach(this.budget, docs, () => this.exceeded(), everyRow, take, nothing);
  }
  private exceeded(): OrmError {
    const { limit } = this.budget;
    return new OrmError(
      'SCAN_BUDGET_EXCEEDED',
      `Aggregate read on "${this.table}" read more than ${limit} documents (the scan budget, relations included); narrow the where to fewer keys, or raise scanBudget.`,
      { table: this.table, details: { budget: 'scanBudget', limit, scanBudget: limit } },
    );
  }
}

/**
 * The stored forms of a key value: the buckets count a row whose key field is
 * absent under null (`keyOf`), but an index's `eq(null)` does not match an
 * absent field, so each null part is also read as absent (`undefined`).
 */
function storedKeys(key: readonly Value[]): (Value | undefined)[][] {
  return key.reduce<(Value | undefined)[][]>(
    (keys, part) =>
      keys.flatMap((prefix) =>
        part === null
          ? [
              [...prefix, null],
              [...prefix, undefined],
            ]
          : [[...prefix, part]],
      ),
    [[]],
  );
}

/**
 * The smallest (`asc`) or largest (`desc`) non-null value of `field` in a
 * group, through the extrema index: the first row of each stored form of
 * the group's live rows (`extremaForms`), the extreme of those, one index
 * entry each.
 */
async function extreme(
  db: GenericDatabaseReader<any>,
  table: TableConfig,
  plan: AggregatePlan,
  forms: readonly (Value | undefined)[][],
  field: string,
  order: 'asc' | 'desc',
  reads: Reads,
): Promise<Value | null> {
  const source = {
    table: table.name,
    index: plan.aggregate.extremaIndexes[field]!,
    keyFields: extremaFields(plan.aggregate, field),
    order,
  };
  const sign = order === 'asc' ? 1 : -1;
  let found: Value | null = null;
  for (const eq of forms) {
    const range = { eq: eq as Value[], interval: { lower: { value: null, inclusive: false } } };
    // The range's first row only.
    await reads.each(openRange(db, source, range), (row) => {
      const value = storedField(row, field) as Value;
      if (found === null || sign * compareValues(value, found) < 0) found = value;
      return false;
    });
  }
  return found;
}

/**
 * The ranges of the extrema index that hold a group's live rows: every
 * stored form of its key (`storedKeys`; it pins every key field the where or
 * the group fixes, the longer of the two: a where may pin the whole key while
 * the groups use only its prefix), and with the table's `deletion()` column
 * after the key, that column null or absent (`extremaPinDeletion`), so a
 * range starts at a live row: 2^k ranges for k null parts.
 */
function extremaForms(plan: AggregatePlan, group: Group): (Value | undefined)[][] {
  const key = plan.eq.length > group.key.length ? plan.eq : group.key;
  return storedKeys(extremaPinDeletion(plan.aggregate) ? [...key, null] : key);
}

/**
 * The index lookups `_min`/`_max` of `groups` take: per group with rows,
 * field and range of its live rows one range, reading one document.
 */
function extremaLookups(plan: AggregatePlan, spec: AggregateSpec, groups: readonly Group[]): number {
  const fields = spec.min.length + spec.max.length;
  if (fields === 0) return 0;
  let lookups = 0;
  for (const group of groups) if (group.totals.count > 0) lookups += fields * extremaForms(plan, group).length;
  return lookups;
}

/**
 * Reads a served aggregate: the buckets of the plan's key range, merged
 * into groups by the first `groupDepth` key fields (0: one group), plus
 * min/max per group through the extrema indexes. Returns null while the
 * index is building (`state`, read by the caller once per query: its
 * backfill has not finished, or its definition changed since its buckets
 * were built): the caller falls back to the bounded scan. Also null when
 * the `_min`/`_max` lookups of the groups found would not pay: more than
 * the scan budget or index ranges left (the read could not finish), or,
 * when the scan reads exactly the matching rows and may run (`scanMayReplace`:
 * strict mode refuses a full scan), more than the rows the buckets count (the
 * scan is cheaper) while those rows fit what the buckets left of the budget.
 */
export async function readGroups(
  db: GenericDatabaseReader<any>,
  table: TableConfig,
  plan: AggregatePlan,
  spec: AggregateSpec,
  groupDepth: number,
  budget: ReadBudget,
  state: AggregateState | null,
  scanMayReplace: boolean,
): Promise<Group[] | null> {
  if (!isServed(state, plan.aggregate)) return null;
  const reads = new Reads(table.name, budget);
  const keyFields = ['table', 'index', ...KEY_SLOTS.slice(0, plan.aggregate.key.length)];
  const range = {
    eq: [table.name, plan.aggregate.name, ...plan.eq],
    ...(plan.interval ? { interval: plan.interval } : {}),
  };
  const groups: Group[] = [];
  const source = { table: BUCKET_TABLE, index: 'by_key', keyFields, order: 'asc' as const };
  await reads.each(openRange(db, source, range), (doc) => {
    const bucket = doc as Bucket;
    const key = KEY_SLOTS.slice(0, groupDepth).map((slot) => (bucket[slot] ?? null) as Value);
    const last = groups[groups.length - 1];
    const same = last && key.every((value, i) => compareValues(value, last.key[i]!) === 0);
    const group = same ? last : { key, totals: emptyTotals() };
    if (!same) groups.push(group);
    addTotals(group.totals, totalsOf(bucket));
    return true;
  });
  if (groupDepth === 0 && groups.length === 0) groups.push({ key: [], totals: emptyTotals() });
  // A key whose buckets add up to no rows is no group (as in the scan): buckets a row left but
  // another shard of its key still offsets, e.g. written before `.shards(n)` changed.
  const live = groupDepth === 0 ? groups : groups.filter((group) => group.totals.count !== 0);
  const lookups = extremaLookups(plan, spec, live);
  if (lookups > 0) {
    const rows = live.reduce((sum, group) => sum + group.totals.count, 0);
    const rangesLeft = meterOf(db)?.usage.rangesLeft() ?? Number.POSITIVE_INFINITY;
    // Each lookup reads at most one document (a key's stored form or a group of nulls may hold none);
    // the scan reads at least the rows the buckets count. The scan instead when it fits what the
    // buckets left and the lookups might not, or when it reads no more than they do; past what is
    // left it cannot finish, where the lookups may.
    const scanFits = rows <= reads.left();
    const mayNotFit = lookups > reads.left() && scanFits;
    if (mayNotFit || lookups > rangesLeft || (scanMayReplace && lookups > rows && scanFits)) return null;
  }
  for (const group of live) {
    // No rows, no extremes (min/max stay absent: null).
    if (group.totals.count === 0) continue;
    const forms = extremaForms(plan, group);
    for (const field of spec.min) group.totals.min[field] = await extreme(db, table, plan, forms, field, 'asc', reads);
    for (const field of spec.max) group.totals.max[field] = await extreme(db, table, plan, forms, field, 'desc', reads);
  }
  return live;
}
