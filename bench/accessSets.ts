import type { GenericDatabaseWriter } from 'convex/server';

/**
 * The documents one transaction read and wrote, by `_id`: what Convex's
 * optimistic concurrency control compares. A transaction conflicts with a
 * concurrent one that committed first when that one wrote a document it read
 * (or an index range it read; ranges are not recorded here, see the caller).
 */
export type AccessSets = { read: Set<string>; written: Set<string> };

type AnyDb = GenericDatabaseWriter<any>;

const QUERY_STEPS = new Set(['withIndex', 'withSearchIndex', 'order', 'filter', 'fullTableScan']);

function recordRows(sets: AccessSets, rows: unknown): void {
  for (const row of Array.isArray(rows) ? rows : [rows]) {
    const id = (row as { _id?: unknown } | null)?._id;
    if (typeof id === 'string') sets.read.add(id);
  }
}

function recordingQuery(query: any, sets: AccessSets): any {
  return new Proxy(query, {
    get(target, property) {
      const value = target[property];
      if (typeof value !== 'function') return value;
      if (property === Symbol.asyncIterator) {
        return () => {
          const iterator = value.call(target);
          return {
            async next() {
              const step = await iterator.next();
              if (!step.done) recordRows(sets, step.value);
              return step;
            },
            return: iterator.return?.bind(iterator),
          };
        };
      }
      if (typeof property === 'string' && QUERY_STEPS.has(property)) {
        return (...args: unknown[]) => recordingQuery(value.apply(target, args), sets);
      }
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        recordRows(sets, (result as { page?: unknown[] } | null)?.page ?? result);
        return result;
      };
    },
  });
}

/** `db`, recording the `_id` of every document it returns or writes into `sets`. */
export function recordingDb(db: AnyDb, sets: AccessSets): AnyDb {
  // Convex's db methods take the table name first when given (`get('posts', id)`) or only the id.
  const idOf = (args: unknown[]) => String(args.length > 1 && typeof args[1] === 'string' ? args[1] : args[0]);
  return new Proxy(db, {
    get(target: any, property) {
      const value = target[property];
      if (typeof value !== 'function') return value;
      switch (property) {
        case 'query':
          return (...args: unknown[]) => recordingQuery(value.apply(target, args), sets);
        case 'get':
          return async (...args: unknown[]) => {
            const row = await value.apply(target, args);
            sets.read.add(idOf(args));
            return row;
          };
        case 'insert':
          return async (...args: unknown[]) => {
            const id = await value.apply(target, args);
            sets.written.add(String(id));
            return id;
          };
        case 'patch':
        case 'replace':
        case 'delete':
          return (...args: unknown[]) => {
            sets.written.add(idOf(args));
            return value.apply(target, args);
          };
        default:
          return value.bind(target);
      }
    },
  });
}

/** The documents `later` read or wrote that `earlier` wrote: non-empty means the two conflict when concurrent. */
export function conflicts(earlier: AccessSets, later: AccessSets): string[] {
  return [...earlier.written].filter((id) => later.read.has(id) || later.written.has(id));
}
