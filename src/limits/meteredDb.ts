import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { TransactionLimitValues } from './convexLimits.js';
import { type Doc, type FilterCompiler, MeteredQuery, type RawQuery } from './meteredQuery.js';
import { type MeterSubject, type MetricsSource, TransactionMeter } from './transactionMeter.js';

export type { FilterCompiler } from './meteredQuery.js';

type TableGet = (table: string, id: GenericId<string>) => Promise<Doc | null>;
/** What a `db.get` found: the document, or `null`. */
const foundDocument = (doc: Doc | null) => doc;
const METER = Symbol('convex-orm meter');
const UNMETERED = Symbol('convex-orm unmetered');
const WRAPPED = Symbol('convex-orm wrapped');
const INSIDE_STATEMENT = Symbol('convex-orm inside a statement');
const GET_THEN = Symbol('convex-orm get, then');

type GetThen = <T>(table: string, id: GenericId<string>, then: (doc: Doc | null) => T | Promise<T>) => Promise<T>;

/**
 * `db.get(table, id).then(then)` in one step on a metered database (the
 * meter counts the document and runs `then` in the step it already takes),
 * two on any other: a point read by id runs once per row a hook writes.
 */
export function getThen<T>(
  db: GenericDatabaseReader<any>,
  table: string,
  id: GenericId<string>,
  then: (doc: Doc | null) => T | Promise<T>,
): Promise<T> {
  const metered = (db as { [GET_THEN]?: GetThen })[GET_THEN];
  return metered ? metered(table, id, then) : (db.get(table, id) as Promise<Doc | null>).then<T>(then);
}

/** What the ORM needs of a Convex ctx: its database, and `meta` for the transaction's metrics when there is one. */
export interface TransactionCtx<Db> {
  readonly db: Db;
  readonly meta?: MetricsSource;
}

/** The meter of a database {@link meteredDb} made, if it is one. */
export function meterOf(db: GenericDatabaseReader<any>): TransactionMeter | undefined {
  return (db as { [METER]?: TransactionMeter })[METER];
}

/**
 * Runs `run` once the meter of `db` (if it is metered) has taken the
 * transaction's usage so far; right away when there is nothing to wait for
 * (on a hook level's database, unless its hooks wrote raw: see
 * {@link hookLevelDbs}).
 */
export function afterSync<R>(db: object, run: () => Promise<R>): Promise<R> {
  const meter = meterOf(db as GenericDatabaseReader<any>);
  const syncing = (db as { [INSIDE_STATEMENT]?: true })[INSIDE_STATEMENT]
    ? meter?.syncInsideStatement()
    : meter?.sync();
  return syncing ? syncing.then(run) : run();
}

const WRITES = ['insert', 'patch', 'replace', 'delete'] as const;

/**
 * What a hook level works with, over the metered database of the statement
 * that fires its hooks: `db` for the level's ORM operations and `raw` for
 * the hooks' `ctx.raw`, both metered by the same meter. The statement synced
 * when it started and every read since went through the meter, so the
 * level's operations skip `getTransactionMetrics()` (about a fifth of a
 * one-row hook statement) unless a hook wrote through `raw` since, which the
 * meter does not count. Views, not copies: everything else is `db`'s.
 */
export function hookLevelDbs<Db extends GenericDatabaseWriter<any>>(db: Db): { db: Db; raw: Db } {
  const meter = meterOf(db);
  if (!meter) return { db, raw: db };
  const writes: PropertyDescriptorMap = {};
  for (const name of WRITES) {
    writes[name] = { value: countedRawWrite(meter, db[name] as (...args: unknown[]) => unknown) };
  }
  // What a hook's statement reads per row, held by the view itself: found without the metered
  // database's proxy trap (a trap per access, several per one-row statement).
  const level: PropertyDescriptorMap = { [INSIDE_STATEMENT]: { value: true } };
  for (const key of LEVEL_MEMBERS) level[key] = { value: (db as Record<PropertyKey, unknown>)[key] };
  return { db: Object.create(db, level), raw: Object.create(db, writes) };
}

const LEVEL_MEMBERS = [METER, GET_THEN, 'get', 'normalizeId', ...WRITES] as const;

/** `write`, telling `meter` a hook wrote raw (so the level's next operation syncs first). */
function countedRawWrite(meter: TransactionMeter, write: (...args: unknown[]) => unknown) {
  return (...args: unknown[]) => {
    meter.rawWrite();
    return write(...args);
  };
}

/**
 * True when `lookups` reads of one index range each would take more than half
 * the ranges the transaction has left (Convex allows 4,096), less `planned`
 * ranges other lookups of the same plan will take: then one range over the
 * lookups' span, grouped in memory, is the plan that fits.
 */
export function spanPays(db: GenericDatabaseReader<any>, lookups: number, planned = 0): boolean {
  const left = meterOf(db)?.rangesLeft() ?? Number.POSITIVE_INFINITY;
  return lookups >= 2 && lookups > (left - planned) / 2;
}

/** The database a metered one wraps (for identity: one Convex transaction), or `db` itself. */
export function unmetered<Db extends object>(db: Db): Db {
  return (db as { [UNMETERED]?: Db })[UNMETERED] ?? db;
}

/**
 * `db` without the ORM's budget meter, for reads a reservation counted already
 * (so the budget does not count them twice); a counting meter under it
 * (`countReads`) still sees them. `db` itself when the ORM does not meter it.
 */
export function aroundBudget<Db extends object>(db: Db): Db {
  return meterOf(db as GenericDatabaseReader<any>)?.enforcing ? (db as { [WRAPPED]: Db })[WRAPPED] : db;
}

/**
 * `db` with every read reported to `meter`: `db.get` (one range, and the
 * document) and every executed `db.query` chain (one range, and each
 * document). Writes and everything else pass through unchanged. Uses only
 * the public `ctx.db` API, so it behaves the same on Convex and convex-test.
 * A database that is already metered is returned as is.
 */
export function meteredDb<Db extends GenericDatabaseReader<any>>(
  db: Db,
  meter: TransactionMeter,
  compileFilter?: FilterCompiler,
): Db {
  const reads = new MeteredReads(db, meter, compileFilter);
  // Bound once per database: `db.get` and `db.query` run per row and per range.
  const get = reads.get.bind(reads);
  const getThenBound = reads.getThen.bind(reads);
  const query = reads.query.bind(reads);
  const normalizeId = memoizedNormalizeId(db);
  // The database's own methods bound once, not on every access (`normalizeId` runs per id read, `insert` per row).
  const bound = new Map<PropertyKey, { readonly method: Function; readonly call: Function }>();
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === METER) return meter;
      if (key === UNMETERED) return unmetered(target);
      if (key === WRAPPED) return target;
      if (key === 'get') return get;
      if (key === GET_THEN) return getThenBound;
      if (key === 'query') return query;
      if (key === 'normalizeId') return normalizeId;
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      let entry = bound.get(key);
      if (entry?.method !== value) {
        entry = { method: value, call: value.bind(target) };
        bound.set(key, entry);
      }
      return entry.call;
    },
  });
}

/** The reads of one metered database, reported to its meter. */
class MeteredReads {
  private readonly subjects = new Map<string, MeterSubject>();

  constructor(
    private readonly db: GenericDatabaseReader<any>,
    private readonly meter: TransactionMeter,
    private readonly compileFilter: FilterCompiler | undefined,
  ) {}

  get(first: string, second?: GenericId<string>): Promise<Doc | null> {
    return this.getThen(first, second);
  }

  /**
   * `db.get`, then `then` in the same step. Not an async function: this runs
   * per document, and the meter's promise is the only one added.
   */
  getThen<T>(
    first: string,
    second: GenericId<string> | undefined,
    then?: (doc: Doc | null) => T | Promise<T>,
  ): Promise<T> {
    const { db, meter } = this;
    const subject = this.subjectOf(first, second);
    return meter.readDocument<Doc | null, T>(subject, {
      pull() {
        meter.openRange(subject);
        return (
          second === undefined ? db.get(first as GenericId<string>) : (db.get as TableGet)(first, second)
        ) as Promise<Doc | null>;
      },
      found: foundDocument,
      use: then,
    });
  }

  query(table: string): MeteredQuery {
    return new MeteredQuery(
      { table, meter: this.meter, compileFilter: this.compileFilter, predicates: [] },
      this.db.query(table) as unknown as RawQuery,
    );
  }

  /** What a read of `first` (a table, or an id when `second` is absent) is reported as; one per table. */
  private subjectOf(first: string, second: GenericId<string> | undefined): MeterSubject {
    if (second === undefined) return { table: `the table of id ${first}` };
    let subject = this.subjects.get(first);
    if (!subject) {
      subject = { table: first };
      this.subjects.set(first, subject);
    }
    return subject;
  }
}

/**
 * `db.normalizeId`, answering each table and id once: it is a pure function
 * of its arguments and a syscall on Convex, and a transaction asks about the
 * same ids again and again (1,000 tasks of one project: their validation,
 * and each hook's `update(projects).where(eq(projects._id, id))`).
 */
function memoizedNormalizeId(db: GenericDatabaseReader<any>): GenericDatabaseReader<any>['normalizeId'] {
  const byTable = new Map<string, Map<string, GenericId<string> | null>>();
  return (table, id) => {
    if (typeof table !== 'string' || typeof id !== 'string') return db.normalizeId(table, id);
    let answers = byTable.get(table);
    if (!answers) {
      answers = new Map();
      byTable.set(table, answers);
    }
    let answer = answers.get(id);
    if (answer === undefined) {
      answer = db.normalizeId(table, id);
      answers.set(id, answer);
    }
    return answer as never;
  };
}

// One metered database per Convex database (one transaction) and budget, so
// every `orm.db(ctx)` of one function call shares its accounting.
const transactionDbs = new WeakMap<object, WeakMap<TransactionLimitValues, GenericDatabaseReader<any>>>();

/**
 * The ORM's view of `db`: every read metered against `budget` (and the
 * transaction's own metrics from `meta`). A database the ORM metered
 * already is returned as is.
 */
export function transactionDb<Db extends GenericDatabaseReader<any>>(
  db: Db,
  budget: TransactionLimitValues,
  meta?: MetricsSource,
): Db {
  if (meterOf(db)?.enforcing) return db;
  let byBudget = transactionDbs.get(db);
  if (!byBudget) {
    byBudget = new WeakMap();
    transactionDbs.set(db, byBudget);
  }
  let metered = byBudget.get(budget);
  if (!metered) {
    metered = meteredDb(db, new TransactionMeter(budget, meta));
    byBudget.set(budget, metered);
  }
  return metered as Db;
}
