const WRITES: ReadonlySet<PropertyKey> = new Set(['insert', 'patch', 'replace', 'delete']);

/**
 * A Convex database in all but identity ({@link db}: every member is the
 * database's, methods bound to it) that notes whether anything was written
 * through it ({@link wrote}): the ORM's statements, its hooks' and their raw
 * writes all reach Convex through the `db` of the ctx they were given. A new
 * object, so the ORM meters it as a database of its own, from the
 * transaction's metrics.
 */
export class WriteWatch<Db extends object> implements ProxyHandler<Db> {
  /** True once anything was written through {@link db}. */
  wrote = false;
  readonly db: Db;

  constructor(db: Db) {
    this.db = new Proxy(db, this);
  }

  get(target: Db, key: PropertyKey): unknown {
    const value = Reflect.get(target, key, target);
    if (typeof value !== 'function') return value;
    if (!WRITES.has(key)) return value.bind(target);
    return (...args: unknown[]) => {
      this.wrote = true;
      return value.apply(target, args);
    };
  }
}
