import type { FilterNode } from '../filter/tree.js';
import type { AnyColumn } from '../schema/column.js';

/** A column as `r.<table>.<column>` gives it; `.through()` names the junction column it joins. */
export class RelationColumn<TTable extends string = string> {
  declare readonly _table: TTable;
  constructor(
    readonly tableKey: TTable,
    readonly column: AnyColumn,
    readonly junction?: RelationColumn,
  ) {}

  /** Joins this column to a column of a junction table (many-to-many or one-through). */
  through(column: RelationColumn): RelationColumn<TTable> {
    return new RelationColumn(this.tableKey, this.column, column);
  }
}

type Columns = RelationColumn | readonly [RelationColumn, ...RelationColumn[]];

/** What `r.one.X(config)` and `r.many.X(config)` take (Drizzle v1). */
export interface RelationInput {
  readonly from?: Columns;
  readonly to?: Columns;
  readonly where?: unknown;
  readonly optional?: boolean;
  readonly alias?: string;
}

/** The junction table of a through relation and its columns, paired with the source and target columns. */
export interface Through {
  readonly table: string;
  readonly sourceColumns: readonly string[];
  readonly targetColumns: readonly string[];
}

/** What `r.one.X()` / `r.many.X()` return: a declaration `defineRelations` completes. */
export class RelationDeclaration<
  TTarget extends string = string,
  TKind extends 'one' | 'many' = 'one' | 'many',
  TOptional extends boolean = boolean,
> {
  declare readonly _optional: TOptional;
  constructor(
    readonly kind: TKind,
    readonly targetTable: TTarget,
    readonly input: RelationInput,
  ) {}
}

/**
 * A relation as `defineRelations` resolved it: columns named, the inverse
 * filled in from the reverse relation, the predefined filter parsed.
 */
export interface Relation<
  TTarget extends string = string,
  TKind extends 'one' | 'many' = 'one' | 'many',
  TOptional extends boolean = boolean,
> {
  readonly _optional?: TOptional;
  readonly kind: TKind;
  /** Schema keys of the table the relation is defined on and of its target. */
  readonly sourceTable: string;
  readonly targetTable: TTarget;
  readonly fieldName: string;
  readonly alias: string | undefined;
  readonly sourceColumns: readonly string[];
  readonly targetColumns: readonly string[];
  readonly through: Through | undefined;
  /** The predefined filter: on the target rows, or on the source row when inherited from the reverse relation. */
  readonly where: FilterNode | null;
  readonly whereAppliesTo: 'target' | 'source';
}

/** A relation of any target and kind. */
export type AnyRelation = Relation<string, 'one' | 'many', boolean>;

/** A relation joining its target's `_id` (directly, or through a junction): one target row per key. */
const joinsTargetId = (relation: AnyRelation): boolean =>
  relation.targetColumns.length === 1 && relation.targetColumns[0] === '_id';

/** A relation whose target is read by `_id` (a plain foreign key): loaded with `db.get`. */
export const readsById = (relation: AnyRelation): boolean => !relation.through && joinsTargetId(relation);

/**
 * True when the rows an execution read of `relation` may serve a later read of it (a `with` load
 * beside its relation filter, or along a relation order): always, but through a junction only when
 * it joins the targets' `_id`: a key's rows are then its links' targets, one each, in junction
 * order, as every read of them gives them. A link naming its targets by another column names
 * several, read in the order of the read that held them (a load's own order may part from it on
 * ties), and a relation filter's per-parent reads of them are not shared across parents as a
 * load's are.
 */
export const servesHeldRows = (relation: AnyRelation): boolean => !relation.through || joinsTargetId(relation);

/** Normalizes `from`/`to` to a list. */
export function columnList(columns: Columns | undefined): readonly RelationColumn[] | undefined {
  if (columns === undefined) return undefined;
  return columns instanceof RelationColumn ? [columns] : columns;
}
