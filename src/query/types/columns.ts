import type { GenericId } from 'convex/values';
import type { InferSelectModel } from '../../schema/inference.js';
import type { AnyTable } from '../../schema/table.js';

/** Every field a query can name on a table: its columns plus `_id` and `_creationTime`. */
export type ColumnKeys<TTable extends AnyTable> = (keyof TTable['_']['columns'] & string) | '_id' | '_creationTime';

/** The application type of one field (what filters compare it with). */
export type ColumnData<TTable extends AnyTable, K> = K extends '_id'
  ? GenericId<TTable['_']['name']>
  : K extends '_creationTime'
    ? number
    : K extends keyof TTable['_']['columns']
      ? TTable['_']['columns'][K]['_']['data']
      : never;

/** A row as queries return it without `columns`. */
export type RowOf<TTable extends AnyTable> = InferSelectModel<TTable>;
