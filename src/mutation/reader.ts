import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, convexToJson, type GenericId, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { spanPays } from '../limits/meteredDb.js';
import { storedField } from '../ownField.js';
import type { TableConfig } from '../schema/table.js';
import { findIndexStartingWith } from '../schema/tableIndexes.js';

/** A stored document with its system fields. */
export type Doc = Record<string, unknown> & { _id: GenericId<string>; _creationTime: number };

/**
 * The reads a statement makes while it plans and checks, all before its first
 * write, so each is memoized for the statement: `db.get` by id (10 posts of
 * one author cost one get) and equality lookups on an index whose leading
 * fields are the given fields (10 members of one team cost one range).
 */
export class StatementReader {
  // Made on first use: a hook's one-row update, run per row, often has no reference or unique to check.
  private gets: Map<string, Promise<Doc | null>> | undefined;
  private ranges: Map<string, KeyRead> | undefined;

  constructor(readonly db: GenericDatabaseReader<any>) {}

  /**
   * Forgets what it read: an upsert's `beforeUpdate` hook wrote between its lookups, so a key
   * looked up before may be taken or freed now.
   */
  forget(): void {
    this.gets = undefined;
    this.ranges = undefined;
  }

  /** The document `id` of `table`, or `null` when it does not exist or is not an id of `table`. */
  get(table: string, id: unknown): Promise<Doc | null> {
    const normalized = typeof id === 'string' ? this.db.normalizeId(table, id) : null;
    if (normalized === null) return Promise.resolve(null);
    this.gets ??= new Map();
    let pending = this.gets.get(normalized);
    if (!pending) {
      pending = this.db.get(table, normalized) as Promise<Doc | null>;
      this.gets.set(normalized, pending);
    }
    return pending;
  }

  /**
   * Up to `limit` documents of `table` whose `fields` equal `values`, read
   * from one index range (`_id` lookups use `get`). A `null` value also
   * matches an absent field when `nullMatchesAbsent` is set (nulls not distinct).
   */
  async byFields(
    table: TableConfig,
    fields: readonly string[],
    values: readonly unknown[],
    limit: number,
    nullMatchesAbsent = false,
  ): Promise<Doc[]> {
    if (byId(fields)) {
      const doc = await this.get(table.name, values[0]);
      return doc ? [doc] : [];
    }
    const key = rangeKey(table, fields, values, nullMatchesAbsent);
    this.ranges ??= new Map();
    const known = this.ranges.get(key);
    // A read of the key with a limit as large answers a smaller one (its first documents, in index
    // order, as the smaller read would return); one that found fewer than its limit read them all.
    if (known && known.limit >= limit) {
      return known.limit === limit ? known.docs : known.docs.then((docs) => docs.slice(0, limit));
    }
    const read: KeyRead = {
      limit,
      docs: known
        ? known.docs.then((docs) =>
            docs.length < known.limit ? docs : this.readRange(table, fields, values, limit, nullMatchesAbsent),
          )
        : this.readRange(table, fields, values, limit, nullMatchesAbsent),
    };
    this.ranges.set(key, read);
    return read.docs;
  }

  /**
   * Reads ahead the lookups `byFields(table, fields, values, limit)` of every
   * `values` in `keys` (a leading value each) when their own ranges ({@link lookupRanges}) would take more than
   * half the ranges the transaction has left: one index range over the span
   * of their leading values, grouped by key in memory, so each lookup then
   * answers from memory. Fewer lookups keep their own ranges, read when asked.
   * `planned`: ranges the statement will take besides (its writes' `by_id` ranges, other lookups
   * read one by one); `nullMatchesAbsent` as for {@link byFields}, whose lookups these answer.
   * Returns the ranges the lookups left to be read one by one will take (none after a span read):
   * a caller reading ahead for several foreign keys adds them to the next one's `planned`.
   */
  async readAhead(
    table: TableConfig,
    fields: readonly string[],
    keys: readonly (readonly unknown[])[],
    limit: number,
    planned = 0,
    nullMatchesAbsent = false,
  ): Promise<number> {
    this.ranges ??= new Map();
    const { ranges } = this;
    const pending = new Map<string, readonly unknown[]>();
    let lookups = 0;
    for (const values of keys) {
      const key = rangeKey(table, fields, values, nullMatchesAbsent);
      if ((ranges.get(key)?.limit ?? 0) >= limit || pending.has(key)) continue;
      pending.set(key, values);
      lookups += lookupRanges(values, nullMatchesAbsent);
    }
    if (byId(fields) || !spanPays(this.db, lookups, planned)) return lookups;
    const rows = [...pending.values()].map((values) =>
      Object.fromEntries(fields.map((field, i) => [field, values[i]])),
    );
    const groups = new Map<string, Doc[]>();
    for (const doc of await this.span(table, fields, rows)) {
      const key = rangeKey(
        table,
        fields,
        fields.map((field) => (nullMatchesAbsent ? (storedField(doc, field) ?? null) : storedField(doc, field))),
        nullMatchesAbsent,
      );
      if (!pending.has(key)) continue;
      const group = groups.get(key);
      if (group) group.push(doc);
      else groups.set(key, [doc]);
    }
    // Index order within a key, as the key's own range would return it: every document of the key.
    for (const key of pending.keys())
      ranges.set(key, { limit: Number.POSITIVE_INFINITY, docs: Promise.resolve(groups.get(key) ?? []) });
    return 0;
  }

  /**
   * Every document of `table` whose values of `fields` could equal one of
   * `rows`: one index range over the index starting with `fields`, from the
   * smallest to the largest value of its first field among `rows`. When one
   * of them is null or absent, from the index's start: absent and null sort
   * before every other value in Convex, and a null looked up with
   * `nullMatchesAbsent` (a `nullsNotDistinct` key) also matches absent. The
   * rows' own lookups, batched into one read. The
   * read is not left unbounded: it goes through the statement's metered db,
   * so past the transaction budget it stops with `SCAN_BUDGET_EXCEEDED`.
   */
  async span(table: TableConfig, fields: readonly string[], rows: readonly Record<string, unknown>[]): Promise<Doc[]> {
    const index = indexFor(table, fields);
    const leading = index.fields[0]!;
    const values = rows.map((row) => (storedField(row, leading) ?? null) as Value).sort(compareValues);
    const [lowest, highest] = [values[0], values[values.length - 1]];
    const docs = await this.db
      .query(table.name)
      .withIndex(index.name, (q: any) =>
        lowest === null ? q.lte(leading, highest) : q.gte(leading, lowest).lte(leading, highest),
      )
      .collect();
    return docs as Doc[];
  }

  private async readRange(
    table: TableConfig,
    fields: readonly string[],
    values: readonly unknown[],
    limit: number,
    nullMatchesAbsent: boolean,
  ): Promise<Doc[]> {
    const index = indexFor(table, fields);
    const byField = new Map(fields.map((field, i) => [field, values[i]]));
    const ordered = index.fields.slice(0, fields.length).map((field) => byField.get(field));
    const variants = nullMatchesAbsent ? nullVariants(ordered) : [ordered];
    const found: Doc[] = [];
    for (const variant of variants) {
      if (found.length >= limit) break;
      const docs = await this.db
        .query(table.name)
        .withIndex(index.name, (q: any) =>
          variant.reduce<any>((range, value, i) => range.eq(index.fields[i]!, value), q),
        )
        .take(limit - found.length);
      found.push(...(docs as Doc[]));
    }
    return found;
  }
}

/**
 * The index of `table` whose leading fields are `fields` (in any order: the first declared, as
 * `findIndexStartingWith` picks it for every caller, so a span's checks and its read agree);
 * throws `INVALID_SCHEMA` without one.
 */
function indexFor(table: TableConfig, fields: readonly string[]) {
  const index = findIndexStartingWith(table.indexes, fields);
  if (index) return index;
  throw new OrmError(
    'INVALID_SCHEMA',
    `No index of "${table.name}" starts with (${fields.join(', ')}); add index on ${table.name}(${fields.join(', ')}).`,
    { table: table.name },
  );
}

const byId = (fields: readonly string[]) => fields.length === 1 && fields[0] === '_id';

/** A memoized read of one key: its first `limit` documents (all of them when fewer). */
interface KeyRead {
  readonly limit: number;
  readonly docs: Promise<Doc[]>;
}

/** The memo key of a `byFields` lookup: its key, whatever its limit. */
function rangeKey(
  table: TableConfig,
  fields: readonly string[],
  values: readonly unknown[],
  nullMatchesAbsent: boolean,
): string {
  return JSON.stringify([table.name, fields, values.map(valueKey), nullMatchesAbsent]);
}

/** A value's part of a memo key (`undefined`, an absent field, is not a Convex value). */
function valueKey(value: unknown): unknown {
  return value === undefined ? [] : [convexToJson(value as Value)];
}

/**
 * The index ranges a `byFields` lookup of `values` opens when it finds nothing: one, or, when
 * `nullMatchesAbsent`, one per null/absent combination of its null values ({@link nullVariants}):
 * 2^k for k nulls. What a plan counts to choose between the lookups and one span read.
 */
export function lookupRanges(values: readonly unknown[], nullMatchesAbsent: boolean): number {
  if (!nullMatchesAbsent) return 1;
  let ranges = 1;
  for (const value of values) if (isNullish(value)) ranges *= 2;
  return ranges;
}

const isNullish = (value: unknown): boolean => value === null || value === undefined;

/** Every combination of `null` / absent for the null values (nulls not distinct). */
function nullVariants(values: readonly unknown[]): unknown[][] {
  let variants: unknown[][] = [[]];
  for (const value of values) {
    const options = isNullish(value) ? [null, undefined] : [value];
    variants = variants.flatMap((prefix) => options.map((option) => [...prefix, option]));
  }
  return variants;
}
