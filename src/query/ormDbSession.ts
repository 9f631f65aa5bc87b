import type { GenericDatabaseReader } from 'convex/server';
import type { TablesRelationalConfig } from '../relations/schema.js';
import { SchemaContext } from './schemaContext.js';

/**
 * The key under which a `db` of an ORM (`orm.db(ctx)`, a trigger's `ctx.db`) gives what its
 * operations run with, so that a prepared query executed with a ctx holding one runs as the `db`'s
 * own queries do. Only `createOrm`'s `db`s have it (not `createMutationApi`'s). Not exported from
 * the package.
 */
export const ORM_DB_SESSION: unique symbol = Symbol('ormDbSession');

/**
 * What an ORM `db`'s queries run with; `TSchema`, the ORM's relations, types only (`any`, the
 * default, stands for any ORM's: a helper typed `PreparedCtx` or `PreparedQuery<R, V>` takes any).
 */
export interface OrmDbSession<TSchema extends TablesRelationalConfig = any> {
  /** The metered database it reads through. */
  readonly db: GenericDatabaseReader<any>;
  /** Its schema, with the rules it reads under (evaluated for its ctx), if any. */
  readonly schema: SchemaContext;
  /** What its operations queue behind (a writer, or a trigger level's own), `null` for a reader's. */
  readonly lock: object | null;
  /**
   * Never set: ties the session's type to the ORM's relations, both ways (a function of them to
   * them), so one ORM's `db` does not pass for another's, of fewer tables or of more.
   */
  readonly relations?: (relations: TSchema) => TSchema;
}

/**
 * `TSchema` when it names an ORM's relations, `any` when it is the package's wide
 * `TablesRelationalConfig` or wider (shared code typed for any app: `OrmWriter<TablesRelationalConfig>`,
 * a `TriggerContext` without a type argument, relations cast `as TablesRelationalConfig`), which every
 * ORM's `db` passes for and takes. Not "has a string index signature": relations typed with known
 * tables besides one name an ORM of their own.
 */
export type KnownRelations<TSchema> = TablesRelationalConfig extends TSchema ? any : TSchema;

/**
 * A `db` of an ORM of relations `TSchema`: what a prepared query's `execute(ctx)` takes as `ctx.db`
 * besides a Convex database. The relations are compared both ways ({@link OrmDbSession.relations}),
 * unless one side is any ORM's ({@link KnownRelations}), which goes on the key's type (and on this
 * type's argument where it is compared as a whole, `PreparedCtx`): TypeScript compares
 * `OrmDbSession<A>` with `OrmDbSession<B>` by the variance of its parameter alone.
 */
export interface OrmDbLike<TSchema extends TablesRelationalConfig = any> {
  readonly [ORM_DB_SESSION]: OrmDbSession<KnownRelations<TSchema>>;
}

/**
 * The session of `ctx.db` when it is an ORM's `db`, else `undefined`: also for a `ctx` or `db`
 * whose reads throw (a revoked proxy) or a `db` that answers the key with anything but a session
 * (a permissive test double).
 */
export function ormDbSessionIn(ctx: unknown): OrmDbSession | undefined {
  let session: unknown;
  try {
    const db = (ctx as { readonly db?: unknown } | null | undefined)?.db;
    if (typeof db !== 'object' || db === null) return undefined;
    session = (db as Partial<OrmDbLike>)[ORM_DB_SESSION];
  } catch {
    return undefined;
  }
  const valid =
    typeof session === 'object' && session !== null && (session as OrmDbSession).schema instanceof SchemaContext;
  return valid ? (session as OrmDbSession) : undefined;
}
