import type { AnyColumn } from './column.js';
import { givenName } from './names.js';

/** What one aggregate index keeps per key: the row count always, sums (also for `avg`) and min/max columns. */
export interface AggregateIndexDeclaration {
  readonly name: string;
  /** Key columns, most significant first; `null` until `.on()` or `.all()` is called. */
  readonly key: readonly AnyColumn[] | null;
  readonly count: boolean;
  readonly sum: readonly AnyColumn[];
  readonly avg: readonly AnyColumn[];
  readonly min: readonly AnyColumn[];
  readonly max: readonly AnyColumn[];
  /** Bucket documents per key value (`.shards(n)`); `undefined` keeps the default. */
  readonly shards?: number;
}

/**
 * `aggregateIndex(name).on(...key)` in a table's config: per key value, the
 * ORM keeps the row count and the sums of the listed columns up to date in
 * every writing transaction, so `count`, `aggregate` and `groupBy` read one
 * document per key instead of every row. Immutable: each call returns a copy.
 */
export class AggregateIndexDefinition {
  readonly kind = 'aggregateIndex';
  constructor(readonly config: AggregateIndexDeclaration) {}

  private with(change: Partial<AggregateIndexDeclaration>): AggregateIndexDefinition {
    return new AggregateIndexDefinition({ ...this.config, ...change });
  }

  /** Groups by these columns, most significant first (reads need equality on a prefix of them). */
  on(...columns: [AnyColumn, ...AnyColumn[]]): AggregateIndexDefinition {
    return this.with({ key: columns });
  }
  /** One group: the whole table. */
  all(): AggregateIndexDefinition {
    return this.with({ key: [] });
  }
  /** Serves `count` and `_count`. */
  count(): AggregateIndexDefinition {
    return this.with({ count: true });
  }
  /** Serves `_sum` of a `number()`, `integer()` or `bigint()` column (a `bigint()` one's exact, as a bigint). */
  sum(column: AnyColumn): AggregateIndexDefinition {
    return this.with({ sum: [...this.config.sum, column] });
  }
  /** Serves `_avg` of a `number()`, `integer()` or `bigint()` column (kept as a sum and a count of non-null values). */
  avg(column: AnyColumn): AggregateIndexDefinition {
    return this.with({ avg: [...this.config.avg, column] });
  }
  /** Serves `_min` of an orderable column, through a Convex index on (key..., column) the ORM adds. */
  min(column: AnyColumn): AggregateIndexDefinition {
    return this.with({ min: [...this.config.min, column] });
  }
  /** Serves `_max` of an orderable column, through the same Convex index as `min`. */
  max(column: AnyColumn): AggregateIndexDefinition {
    return this.with({ max: [...this.config.max, column] });
  }
  /**
   * Splits each key value's totals over `n` bucket documents (default 4), a row's
   * bucket chosen from its `_id`: concurrent writers under one key touch the same
   * document only 1 time in `n` (Convex retries those that do), while a read of a
   * key reads `n` buckets. `1` for keys written rarely and read often.
   */
  shards(n: number): AggregateIndexDefinition {
    return this.with({ shards: n });
  }
}

/** Declares an aggregate index; finish it with `.on(...columns)` or `.all()`, then `.count()`, `.sum(col)`, ... */
export function aggregateIndex(name: string): AggregateIndexDefinition {
  return new AggregateIndexDefinition({
    name: givenName('aggregateIndex()', name),
    key: null,
    count: false,
    sum: [],
    avg: [],
    min: [],
    max: [],
  });
}
