import { OrmError } from './errors.js';
import { describe } from './schema/conforms.js';

/** `ctx.db` when `ctx` is a Convex query's or mutation's ctx (its `db` has `query`), else `undefined`. */
export function convexDbOf<Db>(ctx: { readonly db: Db } | null | undefined): Db | undefined {
  const db = (ctx as { db?: unknown } | null | undefined)?.db;
  const reads = typeof db === 'object' && db !== null && typeof (db as { query?: unknown }).query === 'function';
  return reads ? (db as Db) : undefined;
}

/**
 * `ctx.db`, checked: `INVALID_QUERY` naming `call` when `ctx` is not a Convex
 * query's or mutation's ctx (missing, or an action's, which has no `db`),
 * where reading `ctx.db` would throw a bare `TypeError`.
 */
export function ctxDb<Db>(ctx: { readonly db: Db } | null | undefined, call: string): Db {
  const db = convexDbOf(ctx);
  if (db !== undefined) return db;
  let got = describe(ctx);
  if (typeof ctx === 'object' && ctx !== null) {
    got = 'db' in ctx ? 'an object whose db is not a Convex database' : 'an object without db';
  }
  throw new OrmError(
    'INVALID_QUERY',
    `${call} needs a Convex ctx with a db (the ctx of a query or mutation; an action has none: read through ctx.runQuery or ctx.runMutation); got ${got}.`,
  );
}
