import { OrmError, TransactionRollbackError } from '../errors.js';

/**
 * Drizzle's `PgTransactionConfig`, the second argument of `db.transaction(fn, config)`. A Convex
 * mutation is one serializable transaction, which gives every isolation level's guarantees, so
 * `isolationLevel` and `deferrable` change nothing; `accessMode: 'read only'` refuses the
 * transaction's writes, as Postgres does.
 */
export interface TransactionConfig {
  readonly isolationLevel?: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';
  readonly accessMode?: 'read only' | 'read write';
  readonly deferrable?: boolean;
}

/** The `tx` a transaction callback receives: the same database API plus `rollback()`. */
export type Transaction<TDb> = Omit<TDb, 'transaction'> & {
  /** Throws {@link TransactionRollbackError}; when it propagates, the whole Convex mutation is rolled back. */
  rollback(): never;
  /** Runs `fn` in the same transaction (Convex has no savepoints); as Drizzle's nested transaction, no config. */
  transaction<R>(fn: (tx: Transaction<TDb>) => Promise<R>): Promise<R>;
};

const OPTIONS: readonly string[] = ['isolationLevel', 'accessMode', 'deferrable'];
const ISOLATION_LEVELS: readonly unknown[] = ['read uncommitted', 'read committed', 'repeatable read', 'serializable'];
const ACCESS_MODES: readonly unknown[] = ['read only', 'read write'];

/**
 * Whether `config` makes the transaction read-only; a config that is not a {@link
 * TransactionConfig} (an unknown option or value) is `INVALID_QUERY`. Throws, so call it where a
 * rejection is made of it.
 */
export function readOnlyTransaction(config: unknown): boolean {
  if (config === undefined) return false;
  const problem = configProblem(config);
  if (problem !== null) throw new OrmError('INVALID_QUERY', `The config of transaction(fn, config) ${problem}.`);
  return (config as TransactionConfig).accessMode === 'read only';
}

function configProblem(config: unknown): string | null {
  if (typeof config !== 'object' || config === null) {
    return `takes an object; got ${config === null ? 'null' : typeof config}`;
  }
  const given = config as Record<string, unknown>;
  const unknownOption = Object.keys(given).find((key) => !OPTIONS.includes(key));
  if (unknownOption !== undefined) return `has no option "${unknownOption}" (${OPTIONS.join(', ')})`;
  if (given.isolationLevel !== undefined && !ISOLATION_LEVELS.includes(given.isolationLevel)) {
    return `takes isolationLevel ${ISOLATION_LEVELS.map((level) => `'${level}'`).join(', ')}`;
  }
  if (given.accessMode !== undefined && !ACCESS_MODES.includes(given.accessMode)) {
    return `takes accessMode 'read only' or 'read write'`;
  }
  if (given.deferrable !== undefined && typeof given.deferrable !== 'boolean') return 'takes deferrable as a boolean';
  return null;
}

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
    transaction<R2>(inner: (tx: Transaction<TDb>) => Promise<R2>, ...config: unknown[]): Promise<R2> {
      // From untyped code: a config here would be ignored, so it is refused (Drizzle's nested transaction takes none).
      if (config.length > 0 && config[0] !== undefined) {
        return Promise.reject(
          new OrmError(
            'INVALID_QUERY',
            'A nested tx.transaction(fn) takes no config; give it to the outer db.transaction(fn, config).',
          ),
        );
      }
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
