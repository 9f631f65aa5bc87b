import type { GenericDatabaseReader } from 'convex/server';
import type { SchemaContext } from './schemaContext.js';

/**
 * The key under which an ORM `db` (`orm.db(ctx)`, a trigger's `ctx.db`) gives what its operations
 * run with, so that a prepared query executed with a ctx holding one runs as the `db`'s own
 * queries do. Not exported from the package.
 */
export const ORM_DB_SESSION: unique symbol = Symbol('ormDbSession');

/** What an ORM `db`'s queries run with. */
export interface OrmDbSession {
  /** The metered database it reads through. */
  readonly db: GenericDatabaseReader<any>;
  /** Its schema, with the rules it reads under (evaluated for its ctx), if any. */
  readonly schema: SchemaContext;
  /** What its operations queue behind (a writer, or a trigger level's own), `null` for a reader's. */
  readonly lock: object | null;
}

/** An ORM `db`: what a prepared query's `execute(ctx)` takes as `ctx.db` besides a Convex database. */
export interface OrmDbLike {
  readonly [ORM_DB_SESSION]: OrmDbSession;
}

/** The session of `db` when it is an ORM `db`, else `undefined`. */
export function ormDbSessionOf(db: unknown): OrmDbSession | undefined {
  return typeof db === 'object' && db !== null && ORM_DB_SESSION in db ? (db as OrmDbLike)[ORM_DB_SESSION] : undefined;
}
