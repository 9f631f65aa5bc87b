import { Placeholder } from '../filter/placeholder.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import type { Plan } from '../planner/types.js';
import type { ReadOptions } from './execution.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { PreparedCore } from './preparedCore.js';
import type { SchemaContext } from './schemaContext.js';

// Unprepared `findMany` / `findFirst` calls share a plan per config shape: parsing and planning
// are most of the ORM's own CPU in a point lookup, and a query site runs one shape with other
// values on every call. A shape is parsed and planned as `prepare()` with a placeholder for each
// value would, so it reads what the config itself would read.

/** Operators whose operand is one value the plan does not depend on (`preparedPlan.ts` binds them). */
const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

/** How many shapes one ORM keeps: an app's query sites are few; past this, its shapes start over. */
const MAX_SHAPES = 1024;

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
 * `where` of column values and comparisons, numbers for `limit` and `offset`
 * (placeholders too), `columns`, an object `orderBy` and `withDeleted`.
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
    } else if ((option === 'limit' || option === 'offset') && typeof value === 'number') {
      shape.key += option;
      template[option] = placeholderFor(shape, value);
    } else if (hasOwn(LITERAL_OPTIONS, option) && LITERAL_OPTIONS[option]!(value)) {
      template[option] = value;
      shape.key += `${option}${JSON.stringify(value)}`;
    } else {
      return null;
    }
  }
  return { key: shape.key, template, values: shape.values };
}

/** A shape seen once: made into a prepared core when it comes again (a one-off config plans on its own). */
const SEEN_ONCE = 'seen once';

/** What an ORM keeps per shape: its prepared core, {@link SEEN_ONCE}, or null for a shape whose template does not plan once. */
type ShapeEntry = PreparedCore | typeof SEEN_ONCE | null;

/** The shapes of one ORM's queries, by table key, mode and shape: per schema (an ORM's, without rules). */
const shapesBySchema = new WeakMap<SchemaContext, Map<string, ShapeEntry>>();

/**
 * An unprepared `findMany` / `findFirst` config of table `key`, parsed, and
 * its root plan when its shape's prepared plan serves it (the read plans
 * itself otherwise). A config parses on its own under rules (their filters
 * depend on the call's `ctx`), when it has parts only its own parse can
 * judge, the first two times its shape is seen, when its values shape the
 * plan (a null, an integer zero, a window of no rows), and when binding
 * throws: its own parse then rejects it with its own error. Only a shape
 * whose config parsed is kept, so an ORM keeps shapes of its tables' own fields.
 */
export function parseByShape(
  schema: SchemaContext,
  key: string,
  options: ReadOptions,
  config: unknown,
  mode: QueryMode,
): { readonly query: ParsedQuery; readonly plan?: Plan } {
  const shaped = schema.rules === null ? shapeOf(config) : null;
  if (shaped === null) return { query: parseQuery(schema, key, config, mode) };
  let shapes = shapesBySchema.get(schema);
  if (!shapes) {
    shapes = new Map();
    shapesBySchema.set(schema, shapes);
  }
  const shape = `${key}|${mode}|${shaped.key}`;
  const entry = shapes.get(shape);
  if (entry instanceof PreparedCore) {
    try {
      const bound = entry.bindOnce(shaped.values);
      if (bound) return bound;
    } catch {
      // A value its own parse rejects: it says why, below.
    }
    return { query: parseQuery(schema, key, config, mode) };
  }
  const query = parseQuery(schema, key, config, mode);
  if (entry === undefined) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, SEEN_ONCE);
  } else if (entry === SEEN_ONCE) {
    shapes.set(shape, preparedCore(schema, key, options, shaped.template, mode));
  }
  return { query };
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
