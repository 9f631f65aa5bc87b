import type { EmptyFilter } from '../filter/emptyFilter.js';
import type { TableFilter } from '../query/types/where.js';
import type { AnyTable } from '../schema/table.js';
import type { Relation, RelationColumn, RelationDeclaration } from './relation.js';
import type { RELATIONS_SCHEMA, RelationsSchema, TableRelationalConfig } from './schema.js';

/** The table entries of a schema object (Drizzle ignores everything else). */
export type ExtractTables<TSchema> = {
  [K in keyof TSchema as TSchema[K] extends AnyTable ? K : never]: Extract<TSchema[K], AnyTable>;
};

type Columns<TKey extends string> = RelationColumn<TKey> | readonly [RelationColumn<TKey>, ...RelationColumn<TKey>[]];

interface RelationConfigBase<TSource extends string, TTarget extends string, TTable extends AnyTable> {
  from?: Columns<TSource>;
  to?: Columns<TTarget>;
  /** A predefined filter on the target rows, ANDed into every load and relation filter. */
  where?: TableFilter<TTable> | EmptyFilter;
  /** Pairs the two sides when several relations join the same tables. */
  alias?: string;
}

/** `r.one.X(config)`: `optional: false` makes the result non-null in types. */
export interface OneConfig<
  TSource extends string,
  TTarget extends string,
  TTable extends AnyTable,
  TOptional extends boolean,
> extends RelationConfigBase<TSource, TTarget, TTable> {
  optional?: TOptional;
}

/** `r.many.X(config)` (no `optional`, as in Drizzle). */
export type ManyConfig<TSource extends string, TTarget extends string, TTable extends AnyTable> = RelationConfigBase<
  TSource,
  TTarget,
  TTable
>;

/** `r` in `defineRelations(tables, (r) => ...)`: `r.<table>.<column>`, `r.one.<table>()`, `r.many.<table>()`. */
export type RelationsBuilder<TTables extends Record<string, AnyTable>> = {
  readonly [K in keyof TTables & string]: {
    readonly [C in keyof TTables[K]['_']['columns'] | '_id' | '_creationTime']: RelationColumn<K>;
  };
} & {
  readonly one: {
    readonly [K in keyof TTables & string]: <const TOptional extends boolean = true>(
      config?: OneConfig<string, K, TTables[K], TOptional>,
    ) => RelationDeclaration<K, 'one', TOptional>;
  };
  readonly many: {
    readonly [K in keyof TTables & string]: (
      config?: ManyConfig<string, K, TTables[K]>,
    ) => RelationDeclaration<K, 'many', true>;
  };
};

/** The relations a config callback returns, per table key. */
export type RelationsConfig<TTables extends Record<string, AnyTable>> = {
  [K in keyof TTables]?: Record<string, RelationDeclaration>;
};

type Resolved<TDeclared> = {
  [R in keyof TDeclared]: TDeclared[R] extends RelationDeclaration<infer TTarget, infer TKind, infer TOptional>
    ? Relation<TTarget, TKind, TOptional>
    : never;
};

/** One table's entry in the relations object. */
export type TableRelations<TTable extends AnyTable, TDeclared> = TableRelationalConfig<
  TTable,
  TDeclared extends Record<string, RelationDeclaration> ? Resolved<TDeclared> : {}
>;

/** What `defineRelations` returns. */
export type Relations<TTables extends Record<string, AnyTable>, TConfig> = {
  [K in keyof TTables & string]: TableRelations<TTables[K], K extends keyof TConfig ? TConfig[K] : {}>;
} & { readonly [RELATIONS_SCHEMA]: RelationsSchema };

/** What `defineRelationsPart` returns: only the tables the config names. */
export type RelationsPart<TTables extends Record<string, AnyTable>, TConfig> = {
  [K in keyof TConfig & keyof TTables & string]: TableRelations<TTables[K], TConfig[K]>;
} & { readonly [RELATIONS_SCHEMA]: RelationsSchema };
