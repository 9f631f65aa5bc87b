import { Placeholder } from '../filter/placeholder.js';
import { hasOwn } from '../hasOwn.js';
import type { Plan } from '../planner/types.js';
import type { ReadOptions } from './execution.js';
import type { ParsedQuery, QueryMode } from './parseQuery.js';
import { isPlainObject } from './placeholders.js';
import { PreparedCore } from './prepared.js';
import type { SchemaContext } from './schemaContext.js';

/** Operators whose operand is one value the plan does not depend on (`preparedPlan.ts` binds them). */
const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

/** How many shapes one table keeps: an app's query sites are few; past this, the table's shapes start over. */
const MAX_SHAPES = 256;

/** A config as the template of its shape: its values replaced by placeholders, and those values by name. */
interface Shaped {
  /** The shape: options, fields and operators, not the values (a value's kind is checked as it is bound). */
  readonly key: string;
  readonly template: Record<string, unknown> | undefined;
  readonly values: Record<string, unknown>;
}

/** True for the values a placeholder of a shape stands for: a string, number, boolean or bigint (checked when bound, as the config's own parse checks it). */
function scalar(value: unknown): boolean {
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'bigint';
}

/** True when `option` is an object whose every value is one of `allowed` (a `columns` or object `orderBy`). */
function literalsOnly(option: unknown, allowed: readonly unknown[]): boolean {
  return isPlainObject(option) && Object.values(option).every((value) => allowed.includes(value));
}

/** The options a shape keeps as they are (part of its key), each with the values it keeps. */
const LITERAL_OPTIONS: Readonly<Record<string, (value: unknown) => boolean>> = {
  columns: (value) => literalsOnly(value, [true, false]),
  orderBy: (value) => literalsOnly(value, ['asc', 'desc']),
  limit: (value) => typeof value === 'number',
  offset: (value) => typeof value === 'number',
  withDeleted: (value) => typeof value === 'boolean',
};

/** A shape being built: its key so far, and the values its placeholders stand for. */
interface ShapeBuilder {
  key: string;
  readonly values: Record<string, unknown>;
  placeholders: number;
}

/** A placeholder for `value`, or null when it may not stand for it. */
function placeholderFor(shape: ShapeBuilder, value: unknown): Placeholder | null {
  if (!scalar(value)) return null;
  const name = `${shape.placeholders++}`;
  shape.values[name] = value;
  shape.key += ',';
  return new Placeholder(name);
}

/** The template of a root `where` of column values and comparisons, or null for any other `where`. */
function whereTemplate(shape: ShapeBuilder, where: unknown): Record<string, unknown> | null {
  if (!isPlainObject(where)) return null;
  const template: Record<string, unknown> = {};
  for (const field in where) {
    const operand = where[field];
    shape.key += `${JSON.stringify(field)}:`;
    const value = placeholderFor(shape, operand);
    if (value) {
      template[field] = value;
      continue;
    }
    if (!isPlainObject(operand)) return null;
    const ops: Record<string, unknown> = {};
    shape.key += '{';
    for (const op in operand) {
      if (!COMPARISONS.has(op)) return null;
      shape.key += `${op}:`;
      const opValue = placeholderFor(shape, operand[op]);
      if (!opValue) return null;
      ops[op] = opValue;
    }
    template[field] = ops;
    shape.key += '},';
  }
  return template;
}

/**
 * `config` as the template of its shape (see {@link Shaped}), or null when
 * it has a part only a parse of its own can judge: anything but a root
 * `where` of column values and comparisons, `columns`, an object `orderBy`,
 * `limit`, `offset` and `withDeleted`.
 */
function shapeOf(config: unknown): Shaped | null {
  if (config === undefined) return { key: '', template: undefined, values: {} };
  if (!isPlainObject(config)) return null;
  const shape: ShapeBuilder = { key: '', values: {}, placeholders: 0 };
  const template: Record<string, unknown> = {};
  for (const option in config) {
    const value = config[option];
    if (option === 'where') {
      shape.key += 'where{';
      const where = whereTemplate(shape, value);
      if (!where) return null;
      template.where = where;
      shape.key += '}';
    } else if (hasOwn(LITERAL_OPTIONS, option) && LITERAL_OPTIONS[option]!(value)) {
      template[option] = value;
      shape.key += `${option}${JSON.stringify(value)}`;
    } else {
      return null;
    }
  }
  return { key: shape.key, template, values: shape.values };
}

/** The shapes of one ORM's queries: per schema (an ORM's, without rules) and table key, the prepared core of each shape, null for a shape that plans per call. */
const shapesBySchema = new WeakMap<SchemaContext, Map<string, Map<string, PreparedCore | null>>>();

function shapesOf(schema: SchemaContext, key: string): Map<string, PreparedCore | null> {
  let tables = shapesBySchema.get(schema);
  if (!tables) {
    tables = new Map();
    shapesBySchema.set(schema, tables);
  }
  let shapes = tables.get(key);
  if (!shapes) {
    shapes = new Map();
    tables.set(key, shapes);
  }
  return shapes;
}

/**
 * The query and root plan of an unprepared `findMany` / `findFirst` config
 * through the prepared plan of its shape, or undefined when it parses and
 * plans on its own: under rules (their filters depend on the call's `ctx`),
 * for a shape that has parts only its own parse can judge, and whenever
 * binding throws (the config's own parse then rejects it with its own error).
 *
 * Why: parsing and planning are most of the ORM's own CPU in a point lookup,
 * and a query site runs the same shape with other values on every call. A
 * shape plans as `prepare()` with a placeholder for each value would, so
 * it reads what the unprepared query reads.
 */
export function planByShape(
  schema: SchemaContext,
  key: string,
  options: ReadOptions,
  config: unknown,
  mode: QueryMode,
): { readonly query: ParsedQuery; readonly plan: Plan } | undefined {
  if (schema.rules !== null) return undefined;
  const shaped = shapeOf(config);
  if (shaped === null) return undefined;
  const shapes = shapesOf(schema, key);
  const shape = `${mode}|${shaped.key}`;
  let core = shapes.get(shape);
  if (core === undefined) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    core = preparedCore(schema, key, options, shaped.template, mode);
    shapes.set(shape, core);
  }
  if (core === null) return undefined;
  try {
    const bound = core.bind(shaped.values);
    // Planned for these values alone (an integer zero, a window of no rows): the config's own parse plans it.
    return bound.prepared === 'once' ? bound : undefined;
  } catch {
    return undefined;
  }
}

/** The prepared core of a shape's template, or null when its template does not parse or does not plan once. */
function preparedCore(
  schema: SchemaContext,
  key: string,
  options: ReadOptions,
  template: Record<string, unknown> | undefined,
  mode: QueryMode,
): PreparedCore | null {
  const core = new PreparedCore({ schema, scope: () => schema, key, options, config: template, mode }, undefined);
  try {
    return core.plansOnce() ? core : null;
  } catch {
    return null;
  }
}
