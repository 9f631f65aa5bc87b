import { OrmError } from './errors.js';
import { describe } from './schema/conforms.js';

/**
 * `ctx.db` when `ctx` is a Convex query's or mutation's ctx (its `db` has `query`), else
 * `undefined`: also when reading them throws (a revoked proxy holds no database).
 */
export function convexDbOf<Db>(ctx: { readonly db: Db } | null | undefined): Db | undefined {
  try {
    const db = (ctx as { db?: unknown } | null | undefined)?.db;
    const reads = typeof db === 'object' && db !== null && typeof (db as { query?: unknown }).query === 'function';
    return reads ? (db as Db) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `ctx` is not a Convex query's or mutation's ctx (missing, or an
 * action's, which has no `db`): `INVALID_QUERY` naming `call`, where reading
 * `ctx.db` would be a bare `TypeError`; `null` when it is one.
 */
export function ctxProblem(ctx: { readonly db: unknown } | null | undefined, call: string): OrmError | null {
  if (convexDbOf(ctx) !== undefined) return null;
  let got: string;
  try {
    got =
      typeof ctx !== 'object' || ctx === null
        ? describe(ctx)
        : 'db' in ctx
          ? 'an object whose db is not a Convex database'
          : typeof (ctx as { query?: unknown }).query === 'function'
            ? 'a database, not a ctx: pass ctx, not ctx.db'
            : 'an object without db';
  } catch {
    got = 'an object that cannot be read (a revoked proxy?)';
  }
  return new OrmError(
    'INVALID_QUERY',
    `${call} needs a Convex ctx with a db (the ctx of a query or mutation; an action has none: read through ctx.runQuery or ctx.runMutation); got ${got}.`,
  );
}

/** `ctx.db`, checked: throws {@link ctxProblem}'s error when `ctx` has no Convex database. */
export function ctxDb<Db>(ctx: { readonly db: Db } | null | undefined, call: string): Db {
  const problem = ctxProblem(ctx, call);
  if (problem) throw problem;
  return ctx!.db;
}
