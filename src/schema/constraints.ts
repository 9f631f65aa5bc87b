import { OrmError } from '../errors.js';
import type { FilterExpression } from '../filter/expressions.js';
import type { AggregateIndexDefinition } from './aggregateIndex.js';
import type { AnyColumn, ForeignKeyAction } from './column.js';
import { describe } from './conforms.js';
import type { DeletionDefinition } from './deletion.js';
import { givenName } from './names.js';

type ColumnNames<T extends readonly AnyColumn[]> = { [I in keyof T]: T[I]['_name'] };

/** An index declared in a table's config: `index('by_author').on(t.authorId)`. */
export class IndexDefinition<TName extends string = string, TFields extends readonly string[] = readonly string[]> {
  readonly kind = 'index';
  declare readonly _name: TName;
  declare readonly _fields: TFields;
  constructor(
    readonly config: {
      readonly name: string;
      readonly columns: readonly AnyColumn[];
      readonly unique: boolean;
      readonly nullsNotDistinct: boolean;
    },
  ) {}

  /** In a unique index, two nulls conflict too (SQL `NULLS NOT DISTINCT`). */
  nullsNotDistinct(): IndexDefinition<TName, TFields> {
    return new IndexDefinition({ ...this.config, nullsNotDistinct: true });
  }
}

class IndexStart<TName extends string> {
  constructor(
    private readonly name: TName,
    private readonly unique: boolean,
  ) {}
  /** The indexed columns, most significant first. */
  on<const T extends readonly [AnyColumn, ...AnyColumn[]]>(...columns: T): IndexDefinition<TName, ColumnNames<T>> {
    return new IndexDefinition({ name: this.name, columns, unique: this.unique, nullsNotDistinct: false });
  }
}

/** A Convex index. Queries use it automatically when it serves the filter or order. */
export const index = <TName extends string>(name: TName) => new IndexStart(givenName('index()', name), false);

/** A Convex index that is also a unique constraint over its columns. */
export const uniqueIndex = <TName extends string>(name: TName) =>
  new IndexStart(givenName('uniqueIndex()', name), true);

/** A unique constraint over one or more columns: `unique().on(t.a, t.b)`. */
export class UniqueConstraint {
  readonly kind = 'unique';
  constructor(
    readonly config: {
      readonly name: string | undefined;
      readonly columns: readonly AnyColumn[];
      readonly nullsNotDistinct: boolean;
      /** Made by {@link primaryKey}: its columns must be `notNull()`. */
      readonly primaryKey?: true;
    },
  ) {}
  /** Rows whose unique columns are null conflict too (SQL `NULLS NOT DISTINCT`). */
  nullsNotDistinct(): UniqueConstraint {
    return new UniqueConstraint({ ...this.config, nullsNotDistinct: true });
  }
}

/** Starts a unique constraint; finish it with `.on(...columns)`. */
export function unique(name?: string) {
  givenName('unique()', name, true);
  return {
    on: (...columns: [AnyColumn, ...AnyColumn[]]) => new UniqueConstraint({ name, columns, nullsNotDistinct: false }),
  };
}

/**
 * Drizzle's composite primary key, `primaryKey({ columns: [t.userId, t.groupId] })` (a junction
 * table's): every row already has Convex's `_id` as its key, so this is a unique constraint over
 * the columns (upserts target it as any), whose columns must be `notNull()`, as a primary key
 * holds no null (`INVALID_SCHEMA` otherwise). Named `<table>_<columns>_pk` unless `name` is given.
 */
export function primaryKey(config: {
  readonly name?: string;
  readonly columns: readonly [AnyColumn, ...AnyColumn[]];
}): UniqueConstraint {
  return new UniqueConstraint({
    name: config?.name,
    columns: Array.isArray(config?.columns) ? config.columns : [],
    nullsNotDistinct: false,
    primaryKey: true,
  });
}

/** A Convex full-text search index over one string column; its name and filter fields are typed for `search`. */
export class SearchIndexDefinition<TName extends string = string, TFilter extends string = string> {
  readonly kind = 'searchIndex';
  declare readonly _name: TName;
  declare readonly _filter: TFilter;
  constructor(
    readonly config: {
      readonly name: string;
      readonly searchColumn: AnyColumn | undefined;
      readonly filterColumns: readonly AnyColumn[];
    },
  ) {}
  /** The string column to search. */
  on(column: AnyColumn): SearchIndexDefinition<TName, TFilter> {
    return new SearchIndexDefinition({ ...this.config, searchColumn: column });
  }
  /** Columns that search queries may filter by equality. */
  filter<const T extends readonly AnyColumn[]>(...columns: T): SearchIndexDefinition<TName, T[number]['_name']> {
    return new SearchIndexDefinition({ ...this.config, filterColumns: columns });
  }
}

/** Starts a search index: `searchIndex('search_body').on(t.body).filter(t.authorId)`. */
export const searchIndex = <TName extends string>(name: TName) =>
  new SearchIndexDefinition<TName, never>({
    name: givenName('searchIndex()', name),
    searchColumn: undefined,
    filterColumns: [],
  });

/** A Convex vector index over a `vector(dims)` column; its name and filter fields are typed for `orm.vectorSearch`. */
export class VectorIndexDefinition<TName extends string = string, TFilter extends string = string> {
  readonly kind = 'vectorIndex';
  declare readonly _name: TName;
  declare readonly _filter: TFilter;
  constructor(
    readonly config: {
      readonly name: string;
      readonly vectorColumn: AnyColumn | undefined;
      readonly dimensions: number | undefined;
      readonly filterColumns: readonly AnyColumn[];
    },
  ) {}
  /** The vector column to index. */
  on(column: AnyColumn): VectorIndexDefinition<TName, TFilter> {
    return new VectorIndexDefinition({ ...this.config, vectorColumn: column });
  }
  /** Dimensions; they must equal the column's `vector(dims)`, which is the default. */
  dimensions(dimensions: number): VectorIndexDefinition<TName, TFilter> {
    return new VectorIndexDefinition({ ...this.config, dimensions });
  }
  /** Columns that vector searches may filter by. */
  filter<const T extends readonly AnyColumn[]>(...columns: T): VectorIndexDefinition<TName, T[number]['_name']> {
    return new VectorIndexDefinition({ ...this.config, filterColumns: columns });
  }
}

/** Starts a vector index: `vectorIndex('by_embedding').on(t.embedding)`. */
export const vectorIndex = <TName extends string>(name: TName) =>
  new VectorIndexDefinition<TName, never>({
    name: givenName('vectorIndex()', name),
    vectorColumn: undefined,
    dimensions: undefined,
    filterColumns: [],
  });

/** A check constraint: a written row must not make `filter` FALSE (UNKNOWN passes, as in SQL). */
export class CheckConstraint {
  readonly kind = 'check';
  constructor(readonly config: { readonly name: string; readonly filter: FilterExpression | undefined }) {}
}

/** Declares a check constraint from an operator expression: `check('age_ok', gte(t.age, 0))`. */
export const check = (name: string, filter: FilterExpression | undefined) =>
  new CheckConstraint({ name: givenName('check()', name), filter });

/** Options of {@link foreignKey}. */
export interface ForeignKeyConfig {
  name?: string;
  columns: readonly [AnyColumn, ...AnyColumn[]];
  foreignColumns: readonly [AnyColumn, ...AnyColumn[]];
}

/** A (possibly composite) foreign key declared in a table's config. */
export class ForeignKeyDefinition {
  readonly kind = 'foreignKey';
  constructor(
    readonly config: ForeignKeyConfig & { readonly onDelete: ForeignKeyAction; readonly onUpdate: ForeignKeyAction },
  ) {}
  /** What happens to referencing rows when the referenced row is deleted. */
  // `undefined` (an optional setting passed through) is the default, as in Drizzle and `.references()`.
  onDelete(action: ForeignKeyAction): ForeignKeyDefinition {
    return new ForeignKeyDefinition({ ...this.config, onDelete: action ?? 'no action' });
  }
  /** What happens to referencing rows when the referenced columns change. */
  onUpdate(action: ForeignKeyAction): ForeignKeyDefinition {
    return new ForeignKeyDefinition({ ...this.config, onUpdate: action ?? 'no action' });
  }
}

/**
 * Declares a foreign key: `foreignKey({ columns: [t.a], foreignColumns: [other.b] }).onDelete('cascade')`.
 * One foreign column per column, as Drizzle types it: a tuple of another length is a type error.
 */
export const foreignKey = <const TColumns extends readonly [AnyColumn, ...AnyColumn[]]>(config: {
  name?: string;
  columns: TColumns;
  foreignColumns: { readonly [K in keyof TColumns]: AnyColumn };
}) => {
  if (typeof config !== 'object' || config === null) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `foreignKey() takes { columns, foreignColumns, name? }; got ${describe(config)}.`,
    );
  }
  return new ForeignKeyDefinition({ ...config, onDelete: 'no action', onUpdate: 'no action' });
};

/** Anything a table's config callback may return. */
export type TableExtra =
  | IndexDefinition
  | UniqueConstraint
  | SearchIndexDefinition
  | VectorIndexDefinition
  | CheckConstraint
  | ForeignKeyDefinition
  | DeletionDefinition
  | AggregateIndexDefinition;
