import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import type { UpdateSet } from '../mutation/types.js';
import type { NoInferred, OnlyKeys } from '../noInferred.js';
import type { OrmWriter } from '../orm.js';
import { carriedSchema } from '../relations/relationsSchema.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { RuleInsertRow } from '../rules/define.js';
import { kindOf } from '../schema/conforms.js';
import type { InferInsertModel, InferSelectModel } from '../schema/inference.js';
import type { AnyTable } from '../schema/table.js';

/** What a hook's `ctx` is: the ORM writer (its writes fire triggers), the raw `ctx.db`, and what fired. */
export interface TriggerContext<TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  /** The ORM writer; a write through it is a statement of its own, with its own triggers. */
  readonly db: OrmWriter<TSchema>;
  /** The raw Convex writer: nothing fires for its writes. */
  readonly raw: GenericDatabaseWriter<any>;
  readonly operation: 'insert' | 'update' | 'delete';
  /** The Convex table name. */
  readonly table: string;
}

/**
 * An inserted row as after-hooks see it: every column and `_id`. Its
 * `_creationTime` is not known without reading the row back, which the
 * pipeline never does; read it with `ctx.raw.get(id)` when needed.
 */
export type InsertedRow<T extends AnyTable> = Omit<InferSelectModel<T>, '_creationTime'>;

/** One written row change as after-hooks see it (decoded rows, as queries return them). */
export type TriggerChange<T extends AnyTable> =
  | {
      readonly operation: 'insert';
      readonly id: GenericId<T['_']['name']>;
      readonly old: null;
      readonly new: InsertedRow<T>;
    }
  | {
      readonly operation: 'update';
      readonly id: GenericId<T['_']['name']>;
      readonly old: InferSelectModel<T>;
      readonly new: InferSelectModel<T>;
    }
  | {
      readonly operation: 'delete';
      readonly id: GenericId<T['_']['name']>;
      readonly old: InferSelectModel<T>;
      readonly new: null;
    };

type Awaitable<T> = T | Promise<T>;

/**
 * What a before-hook returns: replacement values, or nothing to keep the
 * planned ones. `void` because TypeScript 5.x types a hook body without
 * `return` as `void` (TypeScript 7 as `undefined`).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: returning nothing is how a hook keeps the planned values
type Replacement<T> = Awaitable<T | undefined | void>;
type ChangeOf<T extends AnyTable, O extends TriggerChange<T>['operation']> = Extract<
  TriggerChange<T>,
  { operation: O }
>;

/**
 * The hooks of one table. before-hooks run before the statement's first
 * write and may return replacement values (checked like user input) or throw
 * to veto the whole statement; after-hooks run after its writes, in change order.
 */
export interface TableTriggers<T extends AnyTable, TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  /**
   * The row to insert, as the insert rule tests it: every column, defaults applied and an omitted
   * nullable one `null`, without `_id` and `_creationTime` (not given yet). Return the row to insert
   * instead (the insert type: defaults fill what it omits), or nothing to keep it.
   */
  beforeInsert?: (row: RuleInsertRow<T>, ctx: TriggerContext<TSchema>) => Replacement<InferInsertModel<T>>;
  /**
   * The row before and as it will be stored; return values to set instead (merged over the planned
   * ones), or nothing. They may spread the row: its own `_id` and `_creationTime` are left out.
   */
  beforeUpdate?: (
    change: {
      readonly id: GenericId<T['_']['name']>;
      readonly old: InferSelectModel<T>;
      readonly new: InferSelectModel<T>;
    },
    ctx: TriggerContext<TSchema>,
  ) => Replacement<UpdateSet<T> & { readonly _id?: GenericId<T['_']['name']>; readonly _creationTime?: number }>;
  /** The row about to be deleted; throw to veto. */
  beforeDelete?: (
    change: { readonly id: GenericId<T['_']['name']>; readonly old: InferSelectModel<T> },
    ctx: TriggerContext<TSchema>,
  ) => Awaitable<void>;
  afterInsert?: (change: ChangeOf<T, 'insert'>, ctx: TriggerContext<TSchema>) => Awaitable<void>;
  afterUpdate?: (change: ChangeOf<T, 'update'>, ctx: TriggerContext<TSchema>) => Awaitable<void>;
  afterDelete?: (change: ChangeOf<T, 'delete'>, ctx: TriggerContext<TSchema>) => Awaitable<void>;
  /** After every insert, update and delete of the table (after the operation's own hook). */
  afterChange?: (change: TriggerChange<T>, ctx: TriggerContext<TSchema>) => Awaitable<void>;
}

/** What `defineTriggers` takes: hooks per schema key of the relations. */
export type TriggersConfig<TSchema extends TablesRelationalConfig> = {
  [K in keyof TSchema]?: TableTriggers<TSchema[K]['table'], TSchema>;
};

/** `R`, a before-hook's return, awaited or not, with the keys that are not `K` typed `never`. */
type CheckedReturn<R, K extends PropertyKey> = R extends Promise<infer V> ? Promise<OnlyKeys<V, K>> : OnlyKeys<R, K>;

/** A hook, its return checked for keys that are not `K` (its parameters as they are). */
type CheckedHook<H, K extends PropertyKey> = H extends (...args: never) => infer R
  ? (...args: never) => CheckedReturn<R, K>
  : H;

/**
 * `V` for an index signature's key, else `never`: where a key is no table or hook name (an inferred
 * config gets no excess-property check). TypeScript gives a computed key typed as a union
 * (`{ [hook]: fn }`) an index signature, which names no key to check.
 */
type UnnamedKey<K, V> = string extends K ? V : never;

/**
 * A table's hooks, the replacement values of its before-hooks checked for keys that are no column
 * (TypeScript checks a returned object only for a key alone): an insert's row has no `_id` or
 * `_creationTime`; an update's values may spread the row (its system fields are ignored). A name
 * that is no hook is `never`.
 */
type CheckedHooks<THooks, T extends AnyTable> = {
  [H in keyof THooks]: H extends 'beforeInsert'
    ? CheckedHook<THooks[H], keyof InferInsertModel<T>>
    : H extends 'beforeUpdate'
      ? CheckedHook<THooks[H], keyof UpdateSet<T> | '_id' | '_creationTime'>
      : H extends keyof TableTriggers<T>
        ? THooks[H]
        : UnnamedKey<H, THooks[H]>;
};

/** The config with each table's hooks checked, and a key that is no table of the relations `never`. */
type CheckedConfig<TConfig, TSchema extends TablesRelationalConfig> = {
  [K in keyof TConfig]: K extends keyof TSchema
    ? CheckedHooks<TConfig[K], TSchema[K]['table']>
    : UnnamedKey<K, TConfig[K]>;
};

/**
 * Nothing more when `TConfig` names only tables and hooks and no before-hook of it returns a key
 * that is no column, else the config with those keys typed `never`, which it is not. Nothing more,
 * so that an error of the config itself is reported where it is, as without the check.
 */
type CheckedTriggers<TConfig, TSchema extends TablesRelationalConfig> = [TConfig] extends [
  CheckedConfig<TConfig, TSchema>,
]
  ? unknown
  : CheckedConfig<TConfig, TSchema>;

/** Any table's hooks, as the pipeline calls them (types erased). */
export type AnyTableTriggers = {
  [K in keyof TableTriggers<AnyTable>]?: (change: any, ctx: TriggerContext) => Awaitable<unknown>;
};

/** The triggers of an ORM (`createOrm({ triggers })`), by Convex table name. */
export interface Triggers<TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  readonly kind: 'convex-orm:triggers';
  readonly byTable: ReadonlyMap<string, AnyTableTriggers>;
  /** Carries the relations type only. */
  readonly _schema?: TSchema;
}

const HOOKS: ReadonlySet<string> = new Set([
  'beforeInsert',
  'beforeUpdate',
  'beforeDelete',
  'afterInsert',
  'afterUpdate',
  'afterDelete',
  'afterChange',
]);

/**
 * Declares lifecycle hooks per table, passed to `createOrm({ relations, triggers })`:
 *
 * ```ts
 * export const triggers = defineTriggers(relations, {
 *   comments: {
 *     afterInsert: async ({ new: comment }, ctx) => {
 *       const post = await ctx.db.query.posts.findFirst({ where: { _id: comment.postId } });
 *       if (post) await ctx.db.update(posts).set({ commentCount: post.commentCount + 1 }).where(eq(posts._id, post._id));
 *     },
 *   },
 * });
 * ```
 * Throws `RELATION_CONFIG` when `relations` is not what `defineRelations()` returns, and
 * `INVALID_SCHEMA` for a config or a table's hooks that are not an object literal (a `Map` would
 * hold hooks that never fire), a key that is not a table of the relations, or an unknown hook name.
 */
export function defineTriggers<
  const TSchema extends TablesRelationalConfig,
  TConfig extends TriggersConfig<TSchema> = TriggersConfig<TSchema>,
>(relations: TSchema, config: TConfig & NoInferred<CheckedTriggers<TConfig, TSchema>>): Triggers<TSchema> {
  carriedSchema('defineTriggers(relations, hooks)', relations);
  if (!isPlainObject(config)) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `defineTriggers: the hooks must be an object of each table's hooks ({ posts: { afterInsert } }); got ${kindOf(config)}.`,
    );
  }
  const byTable = new Map<string, AnyTableTriggers>();
  for (const [key, hooks] of Object.entries(config as Record<string, unknown>)) {
    const table = hasOwn(relations, key) ? relations[key]!.tableName : undefined;
    if (table === undefined) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `defineTriggers: "${key}" is not a table of the relations; use a schema key.`,
        {
          details: { key },
        },
      );
    }
    if (hooks === undefined) continue;
    if (!isPlainObject(hooks)) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `defineTriggers: "${key}" must be an object of hook functions ({ afterInsert, ... }); got ${kindOf(hooks)}.`,
        { table, details: { key } },
      );
    }
    for (const [name, hook] of Object.entries(hooks)) {
      if (!HOOKS.has(name) || (hook !== undefined && typeof hook !== 'function')) {
        throw new OrmError(
          'INVALID_SCHEMA',
          `defineTriggers: "${key}.${name}" is not a hook function; hooks are ${[...HOOKS].join(', ')}.`,
          { table, details: { hook: name } },
        );
      }
    }
    byTable.set(table, hooks as AnyTableTriggers);
  }
  return { kind: 'convex-orm:triggers', byTable };
}
