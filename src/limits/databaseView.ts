/** The Convex database behind each view. */
const databases = new WeakMap<object, object>();

/**
 * A new object that is `db` in all but identity: every member is `db`'s
 * (methods bound to it), so reads and writes through it are the same
 * transaction's. What is keyed on the view (a rule function's mark, the turn
 * order of its operations) is its own; what is keyed on the transaction (its
 * meter) finds `db` through {@link databaseOf}. A view of a view is one more
 * view of the same database.
 */
export function databaseView<Db extends object>(db: Db): Db {
  const database = databaseOf(db);
  const view = new Proxy(database, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  databases.set(view, database);
  return view;
}

/** The database `db` is a view of ({@link databaseView}), or `db` itself. */
export function databaseOf<Db extends object>(db: Db): Db {
  return (databases.get(db) as Db | undefined) ?? db;
}
