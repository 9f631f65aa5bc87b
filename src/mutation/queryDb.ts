import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { QueryPromise } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import { SelectDb } from '../select/index.js';
import { runTransaction } from './transaction.js';

/**
 * A write through `orm.db(ctx)` of a query's ctx: the statement it stands
 * for chains as the builders do (`insert(t).values(row)`, `update(t).set(v).where(f)`,
 * `delete(t).hard().all()`), then rejects with `INVALID_QUERY`, as a
 * statement's errors do, never throwing.
 */
class QueryCtxWrite extends QueryPromise<never> {
  constructor(private readonly call: string) {
    super(null);
  }
  values(): this {
    return this;
  }
  onConflictDoNothing(): this {
    return this;
  }
  onConflictDoUpdate(): this {
    return this;
  }
  set(): this {
    return this;
  }
  hard(): this {
    return this;
  }
  where(): this {
    return this;
  }
  all(): this {
    return this;
  }
  returning(): this {
    return this;
  }

  protected override perform(): Promise<never> {
    const advice = this.call === 'transaction' ? " (or give it { accessMode: 'read only' })" : '';
    return Promise.reject(
      new OrmError(
        'INVALID_QUERY',
        `db.${this.call}() writes, but this orm.db(ctx) was given a query's ctx, whose database only reads: write in a mutation, with its ctx${advice}.`,
      ),
    );
  }
}

/**
 * The select API of `orm.db(ctx)` in a query, with the writes it refuses.
 * Its type (`OrmReader`) offers no writes; these are for loosely typed code
 * (a helper taking `ctx: any`, plain JavaScript), which gets a typed error
 * saying to write in a mutation rather than a bare `TypeError`.
 */
export class QueryDb<TSchema extends TablesRelationalConfig> extends SelectDb<TSchema> {
  insert(): QueryCtxWrite {
    return new QueryCtxWrite('insert');
  }
  update(): QueryCtxWrite {
    return new QueryCtxWrite('update');
  }
  delete(): QueryCtxWrite {
    return new QueryCtxWrite('delete');
  }
  /** Runs a read-only transaction (a query is one); a read-write one is refused as a write. */
  transaction(fn?: unknown, config?: unknown): PromiseLike<unknown> {
    if (!isPlainObject(config) || config.accessMode !== 'read only') return new QueryCtxWrite('transaction');
    // Its writes are refused as any write of this db is.
    const db = this;
    return runTransaction(
      {
        db,
        lock: null,
        readOnly: true,
        readOnlyCopy() {
          return db;
        },
      },
      fn as never,
      config,
    );
  }
}
