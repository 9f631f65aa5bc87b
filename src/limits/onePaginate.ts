import { unmetered } from './meteredDb.js';

// Convex allows one `.paginate()` per function call: the databases (one per call) whose one the ORM has used.
const paginated = new WeakSet<object>();

/** Whether the ORM has used this function call's one `.paginate()` (on `db` or a view of it). */
export function paginateUsed(db: object): boolean {
  return paginated.has(unmetered(db));
}

/** Records that the ORM uses this function call's one `.paginate()`. */
export function usePaginate(db: object): void {
  paginated.add(unmetered(db));
}
