import type { RelationsFilter } from '../query/types/where.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import type { InferSelectModel } from '../schema/inference.js';
import type { AnyTable } from '../schema/table.js';

type Awaitable<T> = T | Promise<T>;

/**
 * One rule of a table: a where-object (the `findMany` grammar, relation
 * filters included; it joins the query's filter tree before planning, so it
 * can use an index) or a function of the stored row and the Convex ctx, for
 * what the grammar cannot say (tested on each read row, after the index read).
 */
export type Rule<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  TCtx,
  TRow = InferSelectModel<TConfig['table']>,
> = RelationsFilter<TSchema, TConfig> | ((row: TRow, ctx: TCtx) => boolean);

/**
 * The row an `insert` rule function tests: the new row as a query would
 * return it (defaults applied), checked before the write, so Convex has not
 * given it `_id` and `_creationTime` yet.
 */
export type RuleInsertRow<T extends AnyTable> = Omit<InferSelectModel<T>, '_id' | '_creationTime'>;

/**
 * The rules of one table, as Postgres row-level security policies: `read`
 * (SELECT USING) decides which rows exist for the caller at all; `insert`
 * (INSERT WITH CHECK) which new rows may be written; `update.using` which
 * visible rows an update matches and `update.check` (default: `using`) what
 * they may become; `delete` which visible rows a delete matches. A missing
 * entry allows everything, unless the rules say `defaultDeny` and the table
 * has no entry at all.
 */
export interface TableRules<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig, TCtx> {
  readonly read?: Rule<TSchema, TConfig, TCtx>;
  readonly insert?: Rule<TSchema, TConfig, TCtx, RuleInsertRow<TConfig['table']>>;
  /** A rule is `using` (and `check`); the object form sets them apart. */
  readonly update?:
    | Rule<TSchema, TConfig, TCtx>
    | { readonly using?: Rule<TSchema, TConfig, TCtx>; readonly check?: Rule<TSchema, TConfig, TCtx> };
  readonly delete?: Rule<TSchema, TConfig, TCtx>;
}

/** What the rule function returns: rules per table key. */
export type RulesOf<TSchema extends TablesRelationalConfig, TCtx> = {
  readonly [K in keyof TSchema]?: TableRules<TSchema, TSchema[K], TCtx>;
};

/** `defineRules(relations, fn, options)`'s options. */
export interface RulesOptions {
  /** A table with no entry is neither readable nor writable through the ORM (fail closed). */
  readonly defaultDeny?: boolean | undefined;
}

/** What `defineRules` returns; pass it to `createOrm({ rules })`. */
export interface Rules<TSchema extends TablesRelationalConfig = TablesRelationalConfig, TCtx = any> {
  readonly kind: 'convex-orm:rules';
  readonly relations: TSchema;
  /** Evaluated once per `orm.db(ctx)` call, with that call's whole Convex ctx. */
  readonly evaluate: (ctx: TCtx) => Awaitable<RulesOf<TSchema, TCtx>>;
  readonly defaultDeny: boolean;
}

/**
 * Row-level security for every ORM read and write:
 * `defineRules(relations, async (ctx) => ({ posts: { read: { authorId: viewer } } }), { defaultDeny: true })`.
 * The function runs once per `orm.db(ctx)` (with `ctx.auth`); it may be async.
 */
export function defineRules<const TSchema extends TablesRelationalConfig, TCtx = any>(
  relations: TSchema,
  evaluate: (ctx: TCtx) => Awaitable<RulesOf<TSchema, TCtx>>,
  options: RulesOptions = {},
): Rules<TSchema, TCtx> {
  return { kind: 'convex-orm:rules', relations, evaluate, defaultDeny: options.defaultDeny ?? false };
}
