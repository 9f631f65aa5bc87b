import type { GenericDatabaseReader } from 'convex/server';
import type { GenericId } from 'convex/values';
import { OrmError } from '../errors.js';
import type { TableConfig } from '../schema/table.js';
import { findIndexStartingWith } from '../schema/tableIndexes.js';

/** A stored document with its system fields. */
export type Doc = Record<string, unknown> & { _id: GenericId<string>; _creationTime: number };

/**
 * The reads a statement makes while it checks constraints: `db.get` by id
 * (memoized for the statement, so 10 posts of one author cost one get) and
 * equality lookups on an index whose leading fields are the given fields.
 */
export class StatementReader {
  private readonly gets = new Map<string, Promise<Doc | null>>();

  constructor(readonly db: GenericDatabaseReader<any>) {}

  /** The document `id` of `table`, or `null` when it does not exist or is not an id of `table`. */
  get(table: string, id: unknown): Promise<Doc | null> {
    const normalized = typeof id === 'string' ? this.db.normalizeId(table, id) : null;
    if (normalized === null) return Promise.resolve(null);
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
    if (fields.length === 1 && fields[0] === '_id') {
      const doc = await this.get(table.name, values[0]);
      return doc ? [doc] : [];
    }
    const index = findIndexStartingWith(table.indexes, fields);
    if (!index) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `No index of "${table.name}" starts with (${fields.join(', ')}); add index on ${table.name}(${fields.join(', ')}).`,
        { table: table.name },
      );
    }
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

/** Every combination of `null` / absent for the null values (nulls not distinct). */
function nullVariants(values: readonly unknown[]): unknown[][] {
  let variants: unknown[][] = [[]];
  for (const value of values) {
    const options = value === null || value === undefined ? [null, undefined] : [value];
    variants = variants.flatMap((prefix) => options.map((option) => [...prefix, option]));
  }
  return variants;
}
