import { COUNT_QUERY } from '../countQueryBrand.js';
import { QueryPromise } from '../queryPromise.js';
import type { AnyTable } from '../schema/table.js';
import { count } from './aggregates.js';
import type { SelectSource } from './builder.js';
import { CountTarget } from './countTarget.js';
import { performSelect } from './perform.js';

/**
 * `db.$count(table, filter?)`: `select({ count: count() }).from(table).where(filter)`,
 * so it is planned like any select: served by an aggregate index that keeps
 * `.count()` when one answers the filter (and the read rule), else the
 * bounded read of the matching rows (soft-deleted and hidden rows never
 * count). Lazy, and in order with a writer's other operations, like a query.
 * Selected as a field of a select (`select({ posts: db.$count(posts, eq(posts.authorId, users._id)) })`),
 * it is counted per result row instead, by that select ({@link EmbeddedCount}).
 */
// `TOuter`: the tables of a select its filter compares the counted table with (`users` for
// `eq(posts.authorId, users._id)`), typed as a selected column's table is, so that a select without
// them does not type-check, nor does awaiting it on its own.
export class CountQuery<TOuter extends string = never> extends QueryPromise<number> {
  declare readonly _table: TOuter;
  readonly [COUNT_QUERY] = true;
  /** What it counts: read by a select that embeds it. */
  readonly counted: CountTarget;

  constructor(
    private readonly session: SelectSource,
    table: AnyTable,
    filter: readonly unknown[],
  ) {
    super(session.lock, session.db ?? undefined, session.schema.rules !== null);
    this.counted = new CountTarget(table, filter);
  }

  /**
   * Awaiting it counts. A `$count` whose filter compares with another table's columns counts only
   * as a field of a select of that table: on its own it is a type error here ("The 'this' context
   * ... is not assignable"), as it would reject with `INVALID_QUERY`; so it is in `execute`,
   * `catch` and `finally`.
   */
  // biome-ignore lint/suspicious/noThenProperty: queries are awaitable by design, as in Drizzle.
  override then<A = number, B = never>(
    this: CountQuery,
    onfulfilled?: ((value: number) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return super.then(onfulfilled, onrejected);
  }

  override execute(this: CountQuery): Promise<number> {
    return super.execute();
  }

  override catch<B = never>(
    this: CountQuery,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<number | B> {
    return super.catch(onrejected);
  }

  override finally(this: CountQuery, onfinally?: (() => void) | null): Promise<number> {
    return super.finally(onfinally);
  }

  protected override async perform(): Promise<number> {
    const { table, filter } = this.counted;
    const [row] = await performSelect(this.session, {
      fields: { count: count() },
      distinct: false,
      from: table,
      joins: [],
      orderBy: [],
      groupBy: [],
      ...(filter.length === 0 ? {} : { where: { filter: filter[0], of: '$count' as const } }),
    });
    return (row as { count: number }).count;
  }
}
