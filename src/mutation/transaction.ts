import { TransactionRollbackError } from '../errors.js';

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
  const tx: Transaction<TDb> = {
    ...db,
    rollback(): never {
      throw new TransactionRollbackError();
    },
    transaction: <R2>(inner: (tx: Transaction<TDb>) => Promise<R2>) => inner(tx),
  };
  return fn(tx);
}
