/**
 * Turns a neutral scenario config into the config each ORM receives.
 *
 * Drizzle gets it almost verbatim (logical ids are its serial ids). Convex
 * gets `id` as `_id` (equality-like filters, so the `_id` paths of the planner
 * run) or as `_creationTime` (range filters and ordering: seeded rows were
 * inserted in id order), and foreign-key values as the seeded documents'
 * `_id`s. Anything that would compare Convex ids by order is rejected here,
 * because id order is not insertion order on a real deployment.
 */
import { relations } from '../fixture/drizzle.js';
import { foreignKeys, seed, type TableKey } from '../fixture/seed.js';
import { DualExtra, type NeutralConfig } from './neutral.js';

export interface ConvexIds {
  readonly toConvex: (table: TableKey, id: number) => unknown;
  readonly creationTime: (table: TableKey, id: number) => number;
}

type Side = { kind: 'drizzle' } | { kind: 'convex'; ids: ConvexIds };

const RANGE_OPS = new Set(['gt', 'gte', 'lt', 'lte']);

/** The table a relation of `table` leads to (from Drizzle's resolved relations). */
export function relationTarget(table: TableKey, relation: string): TableKey | undefined {
  const config = relations[table] as { relations: Record<string, { targetTableName: string }> };
  return config.relations[relation]?.targetTableName as TableKey | undefined;
}

export function toDrizzleConfig(table: TableKey, config: NeutralConfig | undefined): unknown {
  return translateConfig(table, config, { kind: 'drizzle' });
}

export function toConvexConfig(table: TableKey, config: NeutralConfig | undefined, ids: ConvexIds): unknown {
  return translateConfig(table, config, { kind: 'convex', ids });
}

function translateConfig(table: TableKey, config: unknown, side: Side): unknown {
  if (config === null || typeof config !== 'object') return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    switch (key) {
      case 'columns':
        out.columns = side.kind === 'convex' ? renameId(value, '_id') : value;
        break;
      case 'where':
        out.where = translateWhere(table, value, side);
        break;
      case 'orderBy':
        out.orderBy = translateOrderBy(table, value, side);
        break;
      case 'with':
        out.with = translateWith(table, value, side);
        break;
      case 'extras':
        out.extras = translateExtras(value, side);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function translateExtras(value: unknown, side: Side): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      entry instanceof DualExtra ? (side.kind === 'drizzle' ? entry.drizzle : entry.convex) : entry,
    ]),
  );
}

function renameId(value: unknown, to: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key === 'id' ? to : key, v]));
}

function translateWith(table: TableKey, value: unknown, side: Side): unknown {
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [relation, nested] of Object.entries(value)) {
    const target = relationTarget(table, relation);
    out[relation] = target && typeof nested === 'object' ? translateConfig(target, nested, side) : nested;
  }
  return out;
}

function translateOrderBy(table: TableKey, value: unknown, side: Side): unknown {
  if (typeof value === 'function') {
    if (side.kind === 'drizzle') return value;
    const callback = value as (columns: unknown, operators: unknown) => unknown;
    return (columns: Record<string, unknown>, operators: unknown) =>
      callback(
        new Proxy(columns, { get: (target, key) => target[key === 'id' ? '_creationTime' : String(key)] }),
        operators,
      );
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, direction] of Object.entries(value)) {
    if (foreignKeys[table]?.[key] && direction !== undefined) {
      throw new Error(`Scenario orders ${table} by the id column "${key}".`);
    }
    const target = relationTarget(table, key);
    if (target && typeof direction === 'object') {
      out[key] = translateOrderBy(target, direction, side);
    } else {
      out[side.kind === 'convex' && key === 'id' ? '_creationTime' : key] = direction;
    }
  }
  return out;
}

function translateWhere(table: TableKey, where: unknown, side: Side): unknown {
  if (where === null || typeof where !== 'object' || Array.isArray(where)) return where;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === 'OR' || key === 'AND') {
      out[key] = Array.isArray(value) ? value.map((item) => translateWhere(table, item, side)) : value;
    } else if (key === 'NOT') {
      out[key] = translateWhere(table, value, side);
    } else if (key === 'id') {
      Object.assign(out, translateIdField(table, value, side));
    } else if (foreignKeys[table]?.[key]) {
      const target = foreignKeys[table][key];
      if (usesRange(value)) throw new Error(`Scenario compares the id column ${table}.${key} by order.`);
      out[key] = side.kind === 'convex' ? mapField(value, (n) => convexId(side.ids, target, n)) : value;
    } else {
      const target = relationTarget(table, key);
      out[key] = target ? translateWhere(target, value, side) : value;
    }
  }
  return out;
}

function translateIdField(table: TableKey, value: unknown, side: Side): Record<string, unknown> {
  if (side.kind === 'drizzle') return { id: value };
  const { ids } = side;
  return usesRange(value)
    ? { _creationTime: mapField(value, (n) => ids.creationTime(table, n)) }
    : { _id: mapField(value, (n) => convexId(ids, table, n)) };
}

/**
 * The Convex id of a seeded row; a logical id beyond the seed (no such row in
 * Postgres) becomes a string that is no valid id, which convex-orm treats as
 * matching nothing, as Postgres does for the missing row.
 */
function convexId(ids: ConvexIds, table: TableKey, n: number): unknown {
  return n > seed[table].length ? `no-such-${table}-${n}` : ids.toConvex(table, n);
}

/** Applies `map` to every logical id inside a field filter (shorthand, operators, OR/AND/NOT). */
function mapField(filter: unknown, map: (id: number) => unknown): unknown {
  if (typeof filter === 'number') return map(filter);
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [op, operand] of Object.entries(filter)) {
    if (op === 'OR' || op === 'AND') {
      out[op] = Array.isArray(operand) ? operand.map((item) => mapField(item, map)) : operand;
    } else if (op === 'NOT') {
      out[op] = mapField(operand, map);
    } else if (op === 'in' || op === 'notIn') {
      out[op] = Array.isArray(operand) ? operand.map((item) => (typeof item === 'number' ? map(item) : item)) : operand;
    } else {
      out[op] = typeof operand === 'number' ? map(operand) : operand;
    }
  }
  return out;
}

function usesRange(filter: unknown): boolean {
  if (filter === null || typeof filter !== 'object') return false;
  return Object.entries(filter).some(
    ([op, operand]) =>
      RANGE_OPS.has(op) || (Array.isArray(operand) ? operand.some(usesRange) : op === 'NOT' && usesRange(operand)),
  );
}
