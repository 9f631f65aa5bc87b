import { OrmError } from '../errors.js';
import type { NoInferred } from '../noInferred.js';
import { booleanOption, type Check, checkOptions } from '../options.js';
import type { KnownKeysDeep } from '../query/types/config.js';
import type { RelationsFilter } from '../query/types/where.js';
import { carriedSchema } from '../relations/relationsSchema.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import { kindOf } from '../schema/conforms.js';
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

/**
 * One rule as written, each unknown key (column, relation, operator) at any depth typed `never`; a
 * computed key typed as a union (`{ [cond ? 'name' : '_id']: x }`, an index signature to
 * TypeScript) names no key to check and is taken, at any depth: the run checks it, as before rules
 * were checked. A function rule is `unknown`: checked as it is, it would tie `TCtx` to the rule's
 * parameter.
 */
type KnownRule<T, TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> = T extends (
  ...args: never
) => unknown
  ? unknown
  : KnownKeysDeep<T, RelationsFilter<TSchema, TConfig>, true>;

/** A table's rules as written, checked for unknown operations, parts of `{ using, check }` and filter keys. */
type KnownTableRules<T, TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> = {
  [Op in keyof T]: string extends Op
    ? T[Op]
    : Op extends 'update'
      ? T[Op] extends { using: unknown } | { check: unknown }
        ? {
            [P in keyof T[Op]]: P extends 'using' | 'check' ? KnownRule<T[Op][P], TSchema, TConfig> : never;
          }
        : KnownRule<T[Op], TSchema, TConfig>
      : Op extends 'read' | 'insert' | 'delete'
        ? KnownRule<T[Op], TSchema, TConfig>
        : never;
};

/**
 * The rules a rule function returned, each unknown key typed `never`; a computed key typed as a union
 * (`{ [table]: ... }`, an index signature to TypeScript) names no key to check: the run checks it.
 */
type KnownRules<R, TSchema extends TablesRelationalConfig> = {
  [K in keyof R]: string extends K
    ? R[K]
    : K extends keyof TSchema
      ? KnownTableRules<R[K], TSchema, TSchema[K]>
      : never;
};

/**
 * Nothing more when the rules a rule function returned (`TResult`, awaited or not) have no unknown key,
 * else the function returning them with those keys typed `never`, which it is not: TypeScript checks
 * what a function returns for excess keys only when the key is alone. Nothing more, not a second
 * signature, so that the function's parameters keep their contextual types. An async function is
 * checked against a Promise of the rules only: against `Awaitable` of them, TypeScript 5.9 and 7 let
 * it through when one of its returns is `{}`.
 */
type CheckedEvaluate<TCtx, TResult, TSchema extends TablesRelationalConfig> = [Awaited<TResult>] extends [
  KnownRules<Awaited<TResult>, TSchema>,
]
  ? unknown
  : (
      ctx: TCtx,
    ) => TResult extends Promise<unknown>
      ? Promise<KnownRules<Awaited<TResult>, TSchema>>
      : KnownRules<Awaited<TResult>, TSchema>;

/** `defineRules(relations, fn, options)`'s options. */
export interface RulesOptions {
  /** A table with no entry is neither readable nor writable through the ORM (fail closed). */
  readonly defaultDeny?: boolean | undefined;
}

const RULES_OPTION_CHECKS: Readonly<Record<keyof RulesOptions, Check>> = { defaultDeny: booleanOption };

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
 * Throws `RELATION_CONFIG` when `relations` is not what `defineRelations()` returns, and
 * `INVALID_OPTION` for a rule function that is not a function or options it does not take.
 */
export function defineRules<
  const TSchema extends TablesRelationalConfig,
  TCtx = any,
  const TResult extends Awaitable<RulesOf<TSchema, TCtx>> = Awaitable<RulesOf<TSchema, TCtx>>,
>(
  relations: TSchema,
  evaluate: ((ctx: TCtx) => TResult) & NoInferred<CheckedEvaluate<TCtx, TResult, TSchema>>,
  options: RulesOptions = {},
): Rules<TSchema, TCtx> {
  carriedSchema('defineRules(relations, fn)', relations);
  if (typeof evaluate !== 'function') {
    throw new OrmError(
      'INVALID_OPTION',
      `defineRules(relations, fn) takes a function of ctx returning the rules ((ctx) => ({ posts: { read: ... } })); got ${kindOf(evaluate)}.`,
    );
  }
  checkOptions('defineRules(relations, fn, options)', options, RULES_OPTION_CHECKS);
  return { kind: 'convex-orm:rules', relations, evaluate, defaultDeny: options.defaultDeny ?? false };
}
