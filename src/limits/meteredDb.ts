import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { TransactionLimitValues } from './convexLimits.js';
import { databaseOf } from './databaseView.js';
import { type Doc, type FilterCompiler, MeteredQuery, queryState, type RawQuery } from './meteredQuery.js';
import { type RawGet, reservedRawWrite } from './rawWrites.js';
import { TableScopedWriter } from './tableScopedWriter.js';
import { type DocumentRead, type MeterSubject, TransactionMeter } from './transactionMeter.js';
import type { MetricsSource } from './transactionMetrics.js';

export type { FilterCompiler } from './meteredQuery.js';

type TableGet = (table: string, id: GenericId<string>) => Promise<Doc | null>;
/**
 * The key under which a metered database (and each hook level's view of it)
 * keeps the ORM's state. A plain string key on an object literal, not a
 * symbol: V8 gives a literal of fixed string keys one hidden class, where
 * computed keys add a transition per object shape, which the per-row code
 * reading them would see as one more class.
 */
const ORM = '__convexOrm';

/** What the ORM keeps on a metered database: one per database, and one per hook level's view. */
interface MeteredState {
  readonly meter: TransactionMeter;
  /** The Convex database under the meter (for identity: one Convex transaction). */
  readonly unmetered: object;
  /** The database the meter wraps (the budget's reads count once: {@link aroundBudget}). */
  readonly wrapped: object;
  readonly getThen: GetThen;
  /** True on a hook level's `db`: see {@link afterSync}. */
  readonly insideStatement: boolean;
}

const stateOf = (db: object): MeteredState | undefined => (db as { [ORM]?: MeteredState })[ORM];

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
  const state = stateOf(db);
  return state ? state.getThen(table, id, then) : (db.get(table, id) as Promise<Doc | null>).then<T>(then);
}

/** What the ORM needs of a Convex ctx: its database, and `meta` for the transaction's metrics when there is one. */
export interface TransactionCtx<Db> {
  readonly db: Db;
  readonly meta?: MetricsSource;
}

/** The meter of a database {@link meteredDb} made, if it is one. */
export function meterOf(db: GenericDatabaseReader<any>): TransactionMeter | undefined {
  return stateOf(db)?.meter;
}

/**
 * Runs `run` once the meter of `db` (if it is metered) has taken the
 * transaction's usage so far; right away when there is nothing to wait for
 * (on a hook level's database, unless its hooks' raw writes leave too
 * little room: see {@link hookLevelDbs}).
 */
export function afterSync<R>(db: object, run: () => Promise<R>): Promise<R> {
  const state = stateOf(db);
  if (!state) return run();
  if (!state.insideStatement) return state.meter.syncThen(run);
  const syncing = state.meter.syncInsideStatement();
  return syncing ? syncing.then(run) : run();
}

/**
 * What a hook level works with, over the metered database of the statement
 * that fires its hooks: `db` for the level's ORM operations and `raw` for
 * the hooks' `ctx.raw`, both metered by the same meter. The statement synced
 * when it started and every read since went through the meter, so the
 * level's operations skip `getTransactionMetrics()` (about a fifth of a
 * one-row hook statement) unless a hook's writes through `raw`, reserved at
 * estimates, leave too little room ({@link TransactionMeter.syncInsideStatement}).
 * A migration batch works with them too (its ORM statements, and `migrateOne`'s
 * `ctx.db` as `raw`): it synced as it began, and all it reads and writes goes
 * through its meter. Views, not copies: each member is `db`'s.
 */
export function hookLevelDbs<Db extends GenericDatabaseWriter<any>>(db: Db): { db: Db; raw: Db } {
  const state = stateOf(db);
  if (!state) return { db, raw: db };
  const { meter, unmetered, wrapped, getThen } = state;
  const inside = meteredState(meter, unmetered, wrapped, getThen, true);
  return {
    db: levelView(db, inside, db.insert, db.patch, db.replace, db.delete, (db as { table?: unknown }).table),
    raw: rawView(db, state),
  };
}

/**
 * The raw writer over a metered database `db`, for writes the ORM does not
 * make (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`): its reads are metered
 * as `db`'s, and each write, through `table(name)` too, is reserved on the
 * meter ({@link reservedRawWrite}).
 */
function rawView<Db extends GenericDatabaseWriter<any>>(db: Db, state: MeteredState): Db {
  const { meter } = state;
  const get = db.get as RawGet;
  const raw: Db = levelView(
    db,
    state,
    reservedRawWrite(meter, 'insert', db.insert, get),
    reservedRawWrite(meter, 'patch', db.patch, get),
    reservedRawWrite(meter, 'replace', db.replace, get),
    reservedRawWrite(meter, 'delete', db.delete, get),
    // `raw.table(name)` (Convex's table-scoped API, where the writer has it): `raw`'s own metered
    // reads and reserved writes, the table named (`raw` is made by the time `table` is called).
    (db as { table?: unknown }).table && ((name: string) => new TableScopedWriter(raw, name)),
  );
  return raw;
}

/**
 * A view of `db` with `state` and these writes: an object literal of fixed
 * keys, so every view of every transaction has one hidden class. (An
 * `Object.create(db)` view had a class per transaction, its prototype `db`
 * being new each time: the per-row code that reads a view went megamorphic.)
 */
function levelView<Db extends GenericDatabaseWriter<any>>(
  db: Db,
  state: MeteredState,
  insert: Db['insert'],
  patch: Db['patch'],
  replace: Db['replace'],
  remove: Db['delete'],
  table: unknown,
): Db {
  // Every member of Convex's writer (`vars` holds `commitTs`); `table` may be absent on older ones.
  const { get, query, normalizeId, system, vars } = db as Db & { vars?: unknown };
  return {
    __convexOrm: state,
    get,
    query,
    normalizeId,
    system,
    vars,
    table,
    insert,
    patch,
    replace,
    delete: remove,
  } as unknown as Db;
}

/** The state a metered database (or a hook level's view) keeps: a literal, one hidden class for good. */
function meteredState(
  meter: TransactionMeter,
  unmetered: object,
  wrapped: object,
  getThen: GetThen,
  insideStatement: boolean,
): MeteredState {
  return { meter, unmetered, wrapped, getThen, insideStatement };
}

/**
 * True when `lookups` reads of one index range each would take more than half
 * the ranges the transaction has left (Convex allows 4,096), less `planned`
 * ranges other lookups of the same plan will take: then one range over the
 * lookups' span, grouped in memory, is the plan that fits.
 */
export function spanPays(db: GenericDatabaseReader<any>, lookups: number, planned = 0): boolean {
  return lookups >= 2 && lookups > (rangesLeft(db) - planned) / 2;
}

/** The index ranges the transaction has left for `db`'s reads; unbounded when `db` is not metered. */
export const rangesLeft = (db: GenericDatabaseReader<any>) =>
  meterOf(db)?.usage.rangesLeft() ?? Number.POSITIVE_INFINITY;

/** The database a metered one wraps (for identity: one Convex transaction), or `db` itself. */
export function unmetered<Db extends object>(db: Db): Db {
  return (stateOf(db)?.unmetered as Db | undefined) ?? db;
}

/**
 * `db` without the ORM's budget meter, for reads a reservation counted already
 * (so the budget does not count them twice); a counting meter under it
 * (`countReads`) still sees them. `db` itself when the ORM does not meter it.
 */
export function aroundBudget<Db extends object>(db: Db): Db {
  const state = stateOf(db);
  return state?.meter.enforcing ? (state.wrapped as Db) : db;
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
  const state = meteredState(meter, unmetered(db), db, reads.getThen.bind(reads) as GetThen, false);
  const query = reads.query.bind(reads);
  const normalizeId = memoizedNormalizeId(db);
  // `db.system` and `db.table(name)` read in the same transaction, against the same limits: metered
  // too, made on first use.
  let system: GenericDatabaseReader<any> | undefined;
  let table: ((name: string) => object) | undefined;
  // The database's own methods bound once, not on every access (`normalizeId` runs per id read, `insert` per row).
  const bound = new Map<PropertyKey, { readonly method: Function; readonly call: Function }>();
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === ORM) return state;
      if (key === 'get') return get;
      if (key === 'query') return query;
      if (key === 'normalizeId') return normalizeId;
      if (key === 'system' && target.system) {
        system ??= meteredDb(target.system as GenericDatabaseReader<any>, meter, compileFilter);
        return system;
      }
      if (key === 'table' && typeof (target as { table?: unknown }).table === 'function') {
        table ??= tablesOf(receiver);
        return table;
      }
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

/**
 * `db.table` of the metered database `db` (Convex's table-scoped API): each call is `db`'s own,
 * the table named first, so its reads are metered (and a raw view's writes reserved) as `db`'s.
 */
function tablesOf(db: object): (name: string) => TableScopedWriter {
  return (name) => new TableScopedWriter(db as GenericDatabaseWriter<any>, name);
}

/**
 * One `db.get` through the meter, as {@link TransactionMeter.readDocument} takes it: one object
 * per read rather than a literal and a closure over the call's arguments.
 */
class PointRead<T> implements DocumentRead<Doc | null, T> {
  constructor(
    private readonly db: GenericDatabaseReader<any>,
    private readonly meter: TransactionMeter,
    private readonly subject: MeterSubject,
    private readonly first: string,
    private readonly second: GenericId<string> | undefined,
    readonly use: ((doc: Doc | null) => T | Promise<T>) | undefined,
  ) {}

  pull(): Promise<Doc | null> {
    const { db, first, second } = this;
    this.meter.openRange(this.subject);
    // Its `by_id` range: a patch, replace or delete of this id after it opens none.
    this.meter.documents.readById((second ?? first) as string);
    return (
      second === undefined ? db.get(first as GenericId<string>) : (db.get as TableGet)(first, second)
    ) as Promise<Doc | null>;
  }

  /** What the `db.get` found: the document, or `null`. */
  found(doc: Doc | null): Doc | null {
    return doc;
  }
}

/** A fresh query's predicates: none (a query's `.filter()` makes a new list). */
const NO_PREDICATES: readonly never[] = [];

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
    const subject = this.subjectOf(first, second);
    return this.meter.readDocument<Doc | null, T>(
      subject,
      new PointRead(this.db, this.meter, subject, first, second, then),
    );
  }

  query(table: string): MeteredQuery {
    return new MeteredQuery(
      queryState(table, this.meter, undefined, false, this.compileFilter, NO_PREDICATES, NO_PREDICATES),
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
 * already is returned as is; a view of a database (`databaseView`)
 * shares the database's meter.
 */
export function transactionDb<Db extends GenericDatabaseReader<any>>(
  view: Db,
  budget: TransactionLimitValues,
  meta?: MetricsSource,
): Db {
  const db = databaseOf(view);
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
