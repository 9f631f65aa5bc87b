export { EmptyFilter } from './emptyFilter.js';
export { evaluateFilter, matchesFilter, type RelationResolver, type Truth } from './evaluate.js';
export { FilterExpression, OrderExpression } from './expressions.js';
export {
  and,
  arrayContained,
  arrayContains,
  arrayOverlaps,
  asc,
  between,
  desc,
  endsWith,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  not,
  notBetween,
  notIlike,
  notInArray,
  notLike,
  or,
  startsWith,
} from './operators.js';
export { parseWhere, type WhereContext } from './parseWhere.js';
export { Placeholder, placeholder, sql } from './placeholder.js';
export type { FilterNode } from './tree.js';
