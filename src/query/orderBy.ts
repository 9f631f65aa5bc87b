import { OrmError } from '../errors.js';
import { OrderExpression } from '../filter/expressions.js';
import { asc, desc } from '../filter/operators.js';
import type { AnyRelation } from '../relations/relation.js';
import { MIN_MAX_KINDS, SUMMED_KINDS } from '../schema/aggregateKinds.js';
import { type AnyColumn, Column, type ColumnKind } from '../schema/column.js';
import { givenText } from '../schema/conforms.js';
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
  const text = givenText(value);
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

const ORDERED = 'min and max take a column whose values are ordered, as db.select() and _min/_max do';
const SUMMED = 'avg takes a number(), integer() or bigint() column, as db.select() does';
/** What a column aggregate of a relation order takes (`count` and `first` take any column), as Postgres has them. */
const TAKES: Partial<Record<OrderAggregate, { kinds: readonly ColumnKind[]; hint: string }>> = {
  min: { kinds: MIN_MAX_KINDS, hint: ORDERED },
  max: { kinds: MIN_MAX_KINDS, hint: ORDERED },
  avg: { kinds: SUMMED_KINDS, hint: SUMMED },
};

/**
 * Refuses an aggregate of a column Postgres has none of: Drizzle compiles `'desc(max)'` of a
 * boolean() to `max(flag)`, which fails ("function max(boolean) does not exist"), so no order is right.
 */
function checkAggregate(table: string, name: string, column: AnyColumn, aggregate: OrderAggregate): void {
  const { kind } = column.definition;
  const takes = TAKES[aggregate];
  if (takes && !takes.kinds.includes(kind)) {
    throw invalid(
      table,
      `Invalid order "${name}": Postgres has no ${aggregate} of "${column.tableName}.${column.name}", a ${kind}() column; ${takes.hint}.`,
    );
  }
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
    const column = columnOf(table, field);
    if (column) {
      const term = { path, field, ...direction(table.name, name, value, aggregated) };
      if (term.aggregate) checkAggregate(table.name, name, column, term.aggregate);
      terms.push(term);
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
          `Invalid order "${name}": a relation orders by "asc(count)" or "desc(count)", got "${givenText(value)}"`,
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
