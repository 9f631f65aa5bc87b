const MAKE = Symbol('convex-orm make');

/**
 * A class of objects with one property per table key whose value is made on
 * first read and then kept (`db.query.<table>`). `orm.db(ctx)` runs in every
 * Convex function call, and a call mostly touches one or two tables: making
 * every table's builder up front was a measurable share of a point lookup.
 * Made once per ORM; `key in object` holds for every table before first use.
 */
export function lazyTables<T>(keys: readonly string[]): new (make: (key: string) => T) => Readonly<Record<string, T>> {
  class Tables {
    private readonly [MAKE]: (key: string) => T;
    constructor(make: (key: string) => T) {
      this[MAKE] = make;
    }
  }
  for (const key of keys) {
    Object.defineProperty(Tables.prototype, key, {
      enumerable: true,
      get(this: Tables) {
        const value = this[MAKE](key);
        Object.defineProperty(this, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return Tables as never;
}
