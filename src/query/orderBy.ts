import { OrmError } from '../errors.js';
import { asc, desc, OrderExpression } from '../filter/operators.js';
import type { AnyRelation } from '../relations/relation.js';
import { Column } from '../schema/column.js';
import { columnOf } from '../schema/table.js';
import type { OrderAggregate, OrderTerm } from './orderTerms.js';
import type { SchemaContext } from './schemaContext.js';

const PLAIN = /^(asc|desc)$/;
const AGGREGATED = /^(asc|desc)\((min|max|count|avg|first)\)$/;

function invalid(table: string, message: string): OrmError {
  return new OrmError('INVALID_QUERY', message, { table });
}

function fromCallbackItem(table: string, item: unknown): OrderTerm {
  const order =
    item instanceof OrderExpression
      ? item
      : item instanceof Column
        ? { column: item, direction: 'asc' as const }
        : null;
  if (!order) throw invalid(table, `orderBy callback on "${table}" must return columns or asc()/desc() of columns.`);
  const { column, direction } = order;
  // A column of another table would silently order by a field this table lacks.
  if (column.tableName !== table) {
    throw invalid(
      table,
      `orderBy callback on "${table}" ordered by "${column.tableName}.${column.name}", a column of another table.`,
    );
  }
  return { path: [], field: column.name, direction };
}

/** A direction string at `name`: plain at the root and below `one` relations, aggregated below a `many`. */
function direction(table: string, name: string, value: unknown, aggregated: boolean) {
  const text = String(value);
  if (aggregated) {
    const match = AGGREGATED.exec(text);
    if (!match) {
      throw invalid(
        table,
        `Invalid order "${name}": expected "asc(<aggregate>)" or "desc(<aggregate>)", got "${text}"`,
      );
    }
    return { direction: match[1] as 'asc' | 'desc', aggregate: match[2] as OrderAggregate };
  }
  if (PLAIN.test(text)) return { direction: text as 'asc' | 'desc' };
  if (AGGREGATED.test(text)) throw invalid(table, `Invalid order "${name}": expected "asc" or "desc", got "${text}"`);
  throw invalid(table, `Invalid order "${name}": unknown direction "${text}" in "${text}", expected "asc" or "desc"`);
}

/** The terms of an order object on table `key`, reached through `path`. */
function parseObject(
  schema: SchemaContext,
  key: string,
  orderBy: object,
  path: readonly AnyRelation[],
  names: readonly string[],
): OrderTerm[] {
  const table = schema.table(key);
  const aggregated = path.some((relation) => relation.kind === 'many');
  const terms: OrderTerm[] = [];
  for (const [field, value] of Object.entries(orderBy)) {
    if (value === undefined) continue;
    const name = [...names, field].join('.');
    if (columnOf(table, field)) {
      terms.push({ path, field, ...direction(table.name, name, value, aggregated) });
      continue;
    }
    const relation = schema.relation(key, field);
    if (!relation) {
      throw new OrmError('UNKNOWN_COLUMN', `Unknown relational order field: "${field}"`, {
        table: table.name,
        details: { field },
      });
    }
    const through = [...path, relation];
    if (typeof value === 'object' && value !== null) {
      terms.push(...parseObject(schema, relation.targetTable, value, through, [...names, field]));
    } else if (relation.kind === 'many' || aggregated) {
      // `{ posts: 'desc(count)' }`: the number of related rows.
      const parsed = direction(table.name, name, value, true);
      if (parsed.aggregate !== 'count') {
        throw invalid(
          table.name,
          `Invalid order "${name}": a relation orders by "asc(count)" or "desc(count)", got "${String(value)}"`,
        );
      }
      terms.push({ path: through, field: null, ...parsed });
    } else {
      throw invalid(
        table.name,
        `Invalid order "${name}": order a one relation by its columns, as { ${field}: { column: 'asc' } }`,
      );
    }
  }
  return terms;
}

/**
 * Parses Drizzle v1 `orderBy`: an object (key order = priority, `undefined`
 * skipped) of columns and relations (rc.5: `{ author: { name: 'asc' } }`,
 * `{ posts: 'desc(count)' }`, `{ posts: { publishedAt: 'desc(max)' } }`),
 * or a callback `(table, { asc, desc }) => [desc(table.age), table.name]`.
 * Errors use Drizzle's texts.
 */
export function parseOrderBy(schema: SchemaContext, key: string, orderBy: unknown): OrderTerm[] {
  const table = schema.table(key).name;
  if (orderBy === undefined) return [];
  if (typeof orderBy === 'function') {
    const result = orderBy(schema.columns(key), { asc, desc });
    if (result === undefined) return [];
    return (Array.isArray(result) ? result : [result]).map((item) => fromCallbackItem(table, item));
  }
  if (typeof orderBy !== 'object' || orderBy === null || Array.isArray(orderBy)) {
    throw invalid(table, `orderBy on "${table}" must be an object or a callback.`);
  }
  return parseObject(schema, key, orderBy, [], []);
}
