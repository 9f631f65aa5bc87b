/** The members of Convex's writer, and of the table-scoped writer `db.table(name)` returns, that write. */
const WRITES: ReadonlySet<PropertyKey> = new Set(['insert', 'patch', 'replace', 'delete']);

/**
 * A Convex database in all but identity ({@link db}: every member is the
 * database's, methods bound to it) that notes whether anything was written
 * through it ({@link wrote}): the ORM's statements, its hooks' and their raw
 * writes all reach Convex through the `db` of the ctx they were given, or
 * through a `db.table(name)` made from it, which is watched the same way. A
 * new object, so the ORM meters it as a database of its own, from the
 * transaction's metrics.
 */
export class WriteWatch<Db extends object> implements ProxyHandler<object> {
  /** True once anything was written through {@link db}. */
  wrote = false;
  readonly db: Db;
  // The root database's members as handed out, made once each: the metered database over the
  // watch keeps its bound methods while a member stays the same function.
  private readonly members = new Map<PropertyKey, unknown>();

  constructor(private readonly root: Db) {
    this.db = new Proxy(root, this) as Db;
  }

  get(target: object, key: PropertyKey): unknown {
    if (target !== this.root) return this.member(target, key);
    if (!this.members.has(key)) this.members.set(key, this.member(target, key));
    return this.members.get(key);
  }

  private member(target: object, key: PropertyKey): unknown {
    const value = Reflect.get(target, key, target);
    if (typeof value !== 'function') return value;
    if (key === 'table') {
      // Convex's table-scoped writer: its writes are watched too.
      return (...args: unknown[]) => new Proxy(value.apply(target, args) as object, this);
    }
    if (!WRITES.has(key)) return value.bind(target);
    return (...args: unknown[]) => {
      this.wrote = true;
      return value.apply(target, args);
    };
  }
}
