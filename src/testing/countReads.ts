import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import type { GenericId } from 'convex/values';
import { compileFilter } from './filterInterpreter.js';

/** Reads counted by {@link countReads}; the counters grow as the wrapped ctx reads. */
export interface ReadCounts {
  /** Documents the database handed over or scanned, including ones a `.filter` rejected. */
  documents: number;
  /** `db.get` calls plus index ranges opened (`db.query` executions), as Convex counts them. */
  ranges: number;
}

type Doc = Record<string, unknown>;
// The untyped Convex query chain this wrapper delegates to.
interface RawQuery extends AsyncIterable<Doc> {
  fullTableScan(): RawQuery;
  withIndex(name: string, range?: unknown): RawQuery;
  withSearchIndex(name: string, search: unknown): RawQuery;
  order(order: 'asc' | 'desc'): RawQuery;
  paginate(options: PaginationOptions): Promise<PaginationResult<Doc>>;
}

/**
 * A query that counts what it reads. `.filter()` predicates are evaluated
 * here instead of by the database, so rejected documents are counted too
 * (Convex counts them against its scan limit as well).
 */
class CountingQuery {
  constructor(
    private readonly table: string,
    private readonly base: RawQuery,
    private readonly reads: ReadCounts,
    private readonly predicates: readonly ((doc: Doc) => boolean)[] = [],
  ) {}

  private next(base: RawQuery): CountingQuery {
    return new CountingQuery(this.table, base, this.reads, this.predicates);
  }
  fullTableScan() {
    return this.next(this.base.fullTableScan());
  }
  withIndex(name: string, range?: unknown) {
    return this.next(this.base.withIndex(name, range));
  }
  withSearchIndex(name: string, search: unknown) {
    return this.next(this.base.withSearchIndex(name, search));
  }
  order(order: 'asc' | 'desc') {
    return this.next(this.base.order(order));
  }
  filter(predicate: (q: never) => unknown) {
    return new CountingQuery(this.table, this.base, this.reads, [...this.predicates, compileFilter(predicate)]);
  }

  private passes(doc: Doc): boolean {
    return this.predicates.every((test) => test(doc));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Doc> {
    this.reads.ranges++;
    for await (const doc of this.base) {
      this.reads.documents++;
      if (this.passes(doc)) yield doc;
    }
  }

  /** Reads up to `n` documents that pass the predicates. */
  private async read(n: number): Promise<Doc[]> {
    const rows: Doc[] = [];
    if (n <= 0) return rows;
    for await (const doc of this) {
      rows.push(doc);
      if (rows.length >= n) break;
    }
    return rows;
  }

  async take(n: number): Promise<Doc[]> {
    // Convex's own check and text, so the wrapper fails where the database would.
    if (!Number.isInteger(n) || n < 0) throw new TypeError('Arg 1 `n` to `take` must be a non-negative integer');
    return this.read(n);
  }
  collect(): Promise<Doc[]> {
    return this.read(Number.POSITIVE_INFINITY);
  }
  async first(): Promise<Doc | null> {
    return (await this.read(1))[0] ?? null;
  }
  async unique(): Promise<Doc | null> {
    const rows = await this.read(2);
    if (rows.length === 2) {
      // Convex's own error, word for word: the wrapper must not change what the
      // code under test sees (an OrmError would reach clients as a ConvexError).
      throw new Error(
        `unique() query returned more than one result from table ${this.table}:\n [${rows[0]!._id}, ${rows[1]!._id}, ...]`,
      );
    }
    return rows[0] ?? null;
  }
  /** Pages are filtered after reading, so a filtered page may hold fewer than `numItems` items. */
  async paginate(options: PaginationOptions): Promise<PaginationResult<Doc>> {
    this.reads.ranges++;
    const result = await this.base.paginate(options);
    this.reads.documents += result.page.length;
    return { ...result, page: result.page.filter((doc) => this.passes(doc)) };
  }
}

function countingDb<Db extends GenericDatabaseReader<any>>(db: Db, reads: ReadCounts): Db {
  const get = async (...args: [string, GenericId<string>] | [GenericId<string>]) => {
    reads.ranges++;
    const doc = await (db.get as (...a: unknown[]) => Promise<unknown>)(...args);
    if (doc !== null) reads.documents++;
    return doc;
  };
  const query = (table: string) => new CountingQuery(table, db.query(table) as unknown as RawQuery, reads);
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'get') return get;
      if (key === 'query') return query;
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps `ctx.db` so every read is counted: `const { ctx: counted, reads } =
 * countReads(ctx)`, run code with `counted`, then assert `reads.documents`
 * and `reads.ranges`. Writes pass through unchanged. Works with real Convex
 * and convex-test alike (it only uses the public `ctx.db` API).
 */
export function countReads<Ctx extends { db: GenericDatabaseReader<any> }>(ctx: Ctx): { ctx: Ctx; reads: ReadCounts } {
  const reads: ReadCounts = { documents: 0, ranges: 0 };
  return { ctx: { ...ctx, db: countingDb(ctx.db, reads) }, reads };
}
