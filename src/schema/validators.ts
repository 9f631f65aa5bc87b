import { type GenericValidator, v } from 'convex/values';
import type { ColumnDefinition } from './column.js';

/**
 * The Convex validator a column is stored with. A nullable column accepts an
 * absent field as well as `null`, so documents written before the column
 * existed (or by raw `ctx.db` code) stay valid.
 */
export function storedValidator(definition: ColumnDefinition): GenericValidator {
  if (definition.notNull) return definition.validator;
  return v.optional(v.union(v.null(), definition.validator));
}
