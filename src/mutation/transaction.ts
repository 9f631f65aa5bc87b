import { OrmError, TransactionRollbackError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { settleAfterQueue } from '../queryPromise.js';

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
  /**
   * Runs `fn` in the same transaction (Convex has no savepoints); typed as Drizzle's nested
   * transaction, without a config (one given through a `db`-or-`tx` type is honoured: see
   * {@link runTransaction}).
   */
  transaction<R>(fn: (tx: Transaction<TDb>) => Promise<R>): Promise<R>;
};

/**
 * What a transaction runs on: its `db`, what that `db`'s operations queue on (`null` for a reader's,
 * which run concurrently), whether it refuses writes, and how to make a copy that does.
 */
export interface TransactionBase<TDb> {
  readonly db: TDb;
  readonly lock: object | null;
  readonly readOnly: boolean;
  readOnlyCopy(): TDb;
}

const OPTIONS: readonly string[] = ['isolationLevel', 'accessMode', 'deferrable'];
const ISOLATION_LEVELS: readonly unknown[] = ['read uncommitted', 'read committed', 'repeatable read', 'serializable'];
const ACCESS_MODES: readonly unknown[] = ['read only', 'read write'];

/**
 * The access mode `config` asks for (`undefined`: the surrounding one); a config that is not a
 * {@link TransactionConfig} (an unknown option or value) is `INVALID_QUERY`. Throws, so call it
 * where a rejection is made of it.
 */
function accessModeOf(config: unknown): TransactionConfig['accessMode'] {
  if (config === undefined) return undefined;
  const problem = configProblem(config);
  if (problem !== null) throw new OrmError('INVALID_QUERY', `The config of transaction(fn, config) ${problem}.`);
  return (config as TransactionConfig).accessMode;
}

/** What a config that is not an object literal is: `null`, `string`, `an array`, `a Map`. */
function kindOf(config: unknown): string {
  if (config === null) return 'null';
  if (Array.isArray(config)) return 'an array';
  if (typeof config !== 'object') return typeof config;
  return `a ${(config as { constructor?: { name?: string } }).constructor?.name ?? 'object'}`;
}

function configProblem(config: unknown): string | null {
  // A Map or an array has no options as keys: taken as `{}`, its `accessMode` would be lost.
  if (!isPlainObject(config)) return `takes an object literal; got ${kindOf(config)}`;
  const unknownOption = Object.keys(config).find((key) => !OPTIONS.includes(key));
  if (unknownOption !== undefined) return `has no option "${unknownOption}" (${OPTIONS.join(', ')})`;
  if (config.isolationLevel !== undefined && !ISOLATION_LEVELS.includes(config.isolationLevel)) {
    return `takes isolationLevel ${ISOLATION_LEVELS.map((level) => `'${level}'`).join(', ')}`;
  }
  if (config.accessMode !== undefined && !ACCESS_MODES.includes(config.accessMode)) {
    return `takes accessMode 'read only' or 'read write'`;
  }
  if (config.deferrable !== undefined && typeof config.deferrable !== 'boolean') return 'takes deferrable as a boolean';
  return null;
}

/**
 * `db.transaction(fn, config)`: a Convex mutation already is one serializable
 * transaction, so `fn` runs in it directly and its return value is passed
 * through; `accessMode: 'read only'` runs it on a copy of the `db` that
 * refuses writes. `tx.rollback()` throws; an error that escapes the mutation
 * discards every write of the mutation. Convex has no savepoints: when
 * user code catches the rollback error, writes made before it stay. A nested
 * `tx.transaction(fn, config)` (a config reaches it through a type of `db`
 * or `tx`, `OrmWriter`) may make its part read-only, not read-write again
 * inside a read-only one, as Postgres refuses. On a writer, the transaction settles once every
 * operation its callback started has settled, one it did not await (or still running beside a
 * rejection) included: Drizzle's driver sends COMMIT or ROLLBACK behind the pending statement, and
 * here no statement may be cut short by the mutation's end.
 */
export function runTransaction<TDb extends object, R>(
  base: TransactionBase<TDb>,
  fn: (tx: Transaction<TDb>) => Promise<R>,
  config?: unknown,
): Promise<R> {
  let scope: TransactionBase<TDb>;
  try {
    const mode = accessModeOf(config);
    if (mode === 'read write' && base.readOnly) {
      throw new OrmError(
        'INVALID_QUERY',
        "A transaction inside a read-only transaction cannot be 'read write' (as Postgres refuses); leave accessMode out.",
      );
    }
    const readOnly = base.readOnly || mode === 'read only';
    scope = {
      db: readOnly && !base.readOnly ? base.readOnlyCopy() : base.db,
      lock: base.lock,
      readOnly,
      readOnlyCopy: base.readOnlyCopy,
    };
  } catch (error) {
    return Promise.reject(error);
  }
  // `db`'s methods live on its prototype (and its `query` is made on first use): `tx` inherits them.
  const tx: Transaction<TDb> = Object.assign(Object.create(scope.db) as TDb, {
    rollback(): never {
      throw new TransactionRollbackError();
    },
    transaction<R2>(inner: (tx: Transaction<TDb>) => Promise<R2>, innerConfig?: unknown): Promise<R2> {
      return runTransaction(scope, inner, innerConfig);
    },
  });
  return scope.lock ? settleAfterQueue(scope.lock, () => callback(fn, tx)) : callback(fn, tx);
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
