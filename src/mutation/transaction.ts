import { OrmError, TransactionRollbackError } from '../errors.js';

/** The `tx` a transaction callback receives: the same database API plus `rollback()`. */
export type Transaction<TDb> = TDb & {
  /** Throws {@link TransactionRollbackError}; when it propagates, the whole Convex mutation is rolled back. */
  rollback(): never;
  /** Runs `fn` in the same transaction (Convex has no savepoints). */
  transaction<R>(fn: (tx: Transaction<TDb>) => Promise<R>): Promise<R>;
};

/**
 * `db.transaction(fn)`: a Convex mutation already is one serializable
 * transaction, so `fn` runs in it directly and its return value is passed
 * through. `tx.rollback()` throws; an error that escapes the mutation
 * discards every write of the mutation. Convex has no savepoints: when
 * user code catches the rollback error, writes made before it stay.
 */
export function runTransaction<TDb extends object, R>(db: TDb, fn: (tx: Transaction<TDb>) => Promise<R>): Promise<R> {
  // `db`'s methods live on its prototype (and its `query` is made on first use): `tx` inherits them.
  const tx: Transaction<TDb> = Object.assign(Object.create(db) as TDb, {
    rollback(): never {
      throw new TransactionRollbackError();
    },
    transaction<R2>(inner: (tx: Transaction<TDb>) => Promise<R2>): Promise<R2> {
      return callback(inner, tx);
    },
  });
  return callback(fn, tx);
}

/** Calls the transaction's callback; whatever goes wrong (no function, a synchronous throw) rejects, as a statement does. */
function callback<T, R>(fn: (tx: T) => Promise<R>, tx: T): Promise<R> {
  return new Promise<R>((resolve) => {
    if (typeof fn !== 'function') {
      throw new OrmError('INVALID_QUERY', 'transaction() takes a function of the transaction: (tx) => ....');
    }
    resolve(fn(tx));
  });
}
