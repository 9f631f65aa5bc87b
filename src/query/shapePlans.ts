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

/**
 * How many steps of shapes one ORM keeps (a shape of one where field is four: the option, the
 * field, its value, the end), and how many shapes with a prepared plan (about 2.4 KB each): an
 * app's query sites are few; past either, its shapes start over, so configs built from a client's
 * input (a `columns` or `orderBy` per request) cannot grow them without bound.
 */
const MAX_STEPS = 8192;
const MAX_SHAPES = 1024;

/**
 * One step of a shape, read from a config as it is walked: an option, a field or an operator by
 * its own name, a literal option's value as its JSON text, and the structure between them as the
 * symbols below (never a name, so no name can pass for structure).
 */
type Step = string | symbol;
/** A value a placeholder stands for. */
const VALUE: unique symbol = Symbol('value');
/** The start and end of a field's comparisons. */
const OPEN: unique symbol = Symbol('open');
const CLOSE: unique symbol = Symbol('close');
/** The end of the root `where`. */
const END: unique symbol = Symbol('end');

/** A shape seen once: made into a prepared core when it comes again (a one-off config plans on its own). */
const SEEN_ONCE = 'seen once';

/** What an ORM keeps per shape: its prepared core, {@link SEEN_ONCE}, or null for a shape whose template does not plan once. */
type ShapeEntry = PreparedCore | typeof SEEN_ONCE | null;

/** The shapes of one table's `findMany` and `findFirst` configs. */
interface TableShapes {
  many?: Shapes;
  first?: Shapes;
}

/** The shapes of one ORM's queries, by table key, and the steps and prepared plans they hold. */
class ShapeCache {
  byTable = new Map<string, TableShapes>();
  private steps = 0;
  private plans = 0;

  /** Counts a step made ({@link MAX_STEPS}). */
  madeStep(): void {
    if (++this.steps > MAX_STEPS) this.startOver();
  }

  /** Counts a shape given a prepared plan ({@link MAX_SHAPES}). */
  madePlan(): void {
    if (++this.plans > MAX_SHAPES) this.startOver();
  }

  /** Forgets every shape: a walk under way goes on in nodes of its own, and the next starts anew. */
  private startOver(): void {
    this.byTable = new Map();
    this.steps = 0;
    this.plans = 0;
  }
}

/**
 * The shapes of one table and mode as a tree of steps: a config walks it step by step (a map
 * lookup per option, field, operator or value), building no key.
 */
class Shapes {
  readonly root = new ShapeNode();

  constructor(readonly cache: ShapeCache) {}

  /**
   * The node after `step` from `node`: `null` when there is none and `make` is not set (a shape
   * not seen yet), else made (counted in the ORM's {@link ShapeCache}).
   */
  next(node: ShapeNode, step: Step, make: boolean): ShapeNode | null {
    const known = node.children?.get(step);
    if (known || !make) return known ?? null;
    this.cache.madeStep();
    const made = new ShapeNode();
    node.children ??= new Map();
    node.children.set(step, made);
    return made;
  }
}

/** A shape so far: the steps after it, and the entry of the shape that ends here. */
class ShapeNode {
  children: Map<Step, ShapeNode> | undefined;
  entry: ShapeEntry | undefined;
}

/** A config being walked: where it is among the shapes, and the values its placeholders stand for (named "v0", "v1", ...). */
interface Walk {
  readonly shapes: Shapes;
  /** Where the walk is; `null` once it left the shapes seen (a lookup walk of a new shape). */
  node: ShapeNode | null;
  /** The walk makes the nodes it takes (a shape kept for the first time). */
  readonly makes: boolean;
  readonly values: Record<string, unknown>;
  placeholders: number;
  /** The config with its values replaced by placeholders, when asked for (a shape about to be prepared). */
  readonly template: Record<string, unknown> | null;
}

/** A walk of `shapes` from its root. */
function walkOf(shapes: Shapes, makes: boolean, template: Record<string, unknown> | null): Walk {
  return { shapes, node: shapes.root, makes, values: {}, placeholders: 0, template };
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

/** The options a shape keeps as they are (a step each), each with the values it keeps. */
const LITERAL_OPTIONS: Readonly<Record<string, (value: unknown) => boolean>> = {
  columns: (value) => literalsOnly(value, [true, false]),
  orderBy: (value) => literalsOnly(value, ['asc', 'desc']),
  withDeleted: (value) => typeof value === 'boolean',
};

/** Takes `step` in `walk`. */
function step(walk: Walk, next: Step): void {
  if (walk.node) walk.node = walk.shapes.next(walk.node, next, walk.makes);
}

/** The names of a config's placeholders, in the order its walk takes them, made once (a name built per value costs more than its binding). */
const PLACEHOLDER_NAMES = Array.from({ length: 32 }, (_, i) => `v${i}`);

/** Takes `value` as a placeholder's value: its placeholder (for a template), or null when it may not stand for it. */
function placeholderFor(walk: Walk, value: unknown): Placeholder | typeof VALUE | null {
  if (!scalar(value)) return null;
  const i = walk.placeholders++;
  const name = PLACEHOLDER_NAMES[i] ?? `v${i}`;
  walk.values[name] = value;
  step(walk, VALUE);
  return walk.template ? new Placeholder(name) : VALUE;
}

/**
 * Walks a root `where` of column values and comparisons, writing its template into `template`
 * (none on a lookup walk: a query's own call makes no objects here); false for any other `where`.
 */
function walkWhere(walk: Walk, where: unknown, template: Record<string, unknown> | null): boolean {
  if (!isPlainObject(where)) return false;
  for (const field in where) {
    const operand = where[field];
    step(walk, field);
    const value = placeholderFor(walk, operand);
    if (value) {
      if (template) template[field] = value;
      continue;
    }
    if (!isPlainObject(operand)) return false;
    const ops: Record<string, unknown> | null = template && {};
    step(walk, OPEN);
    for (const op in operand) {
      if (!COMPARISONS.has(op)) return false;
      step(walk, op);
      const opValue = placeholderFor(walk, operand[op]);
      if (!opValue) return false;
      if (ops) ops[op] = opValue;
    }
    if (template) template[field] = ops;
    step(walk, CLOSE);
  }
  step(walk, END);
  return true;
}

/**
 * Walks `config` to the node of its shape, or returns false when it has a part only a parse of
 * its own can judge: anything but a root `where` of column values and comparisons, numbers for
 * `limit` and `offset` (placeholders too), `columns`, an object `orderBy` and `withDeleted`.
 * Fills `walk.template`, when there is one.
 */
function walkConfig(walk: Walk, config: unknown): boolean {
  if (config === undefined) return true;
  if (!isPlainObject(config)) return false;
  const { template } = walk;
  let options = 0;
  for (const option in config) {
    options++;
    const value = config[option];
    if (option === 'where') {
      step(walk, option);
      const where: Record<string, unknown> | null = template && {};
      if (!walkWhere(walk, value, where)) return false;
      if (template) template.where = where;
    } else if ((option === 'limit' || option === 'offset') && typeof value === 'number') {
      step(walk, option);
      const placeholder = placeholderFor(walk, value);
      if (template) template[option] = placeholder;
    } else if (hasOwn(LITERAL_OPTIONS, option) && LITERAL_OPTIONS[option]!(value)) {
      step(walk, option);
      step(walk, JSON.stringify(value));
      if (template) template[option] = value;
    } else {
      return false;
    }
  }
  // The parse reads an option as a property (`config.where`), as Drizzle does, a non-enumerable one
  // too, which this walk does not see: such a config parses on its own. One array of its names per
  // call, the price of seeing such an option.
  return Object.getOwnPropertyNames(config).length === options;
}

/** The shapes of each ORM's queries: per schema (an ORM's, without rules). */
const shapesBySchema = new WeakMap<SchemaContext, ShapeCache>();

/** The shapes of table `key` and `mode` in `schema`. */
function shapesOf(schema: SchemaContext, key: string, mode: 'many' | 'first'): Shapes {
  let cache = shapesBySchema.get(schema);
  if (!cache) {
    cache = new ShapeCache();
    shapesBySchema.set(schema, cache);
  }
  let table = cache.byTable.get(key);
  if (!table) {
    table = {};
    cache.byTable.set(key, table);
  }
  table[mode] ??= new Shapes(cache);
  return table[mode];
}

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
  mode: 'many' | 'first',
): { readonly query: ParsedQuery; readonly plan?: Plan } {
  if (schema.rules !== null) return { query: parseQuery(schema, key, config, mode) };
  const shapes = shapesOf(schema, key, mode);
  const walk = walkOf(shapes, false, null);
  if (!walkConfig(walk, config)) return { query: parseQuery(schema, key, config, mode) };
  const entry = walk.node?.entry;
  if (entry instanceof PreparedCore) {
    try {
      const bound = entry.bindOnce(walk.values);
      if (bound) return bound;
    } catch {
      // A value its own parse rejects: it says why, below.
    }
    return { query: parseQuery(schema, key, config, mode) };
  }
  const query = parseQuery(schema, key, config, mode);
  if (entry === undefined) {
    // Kept once the config parsed: its nodes made by a walk again.
    const making = walkOf(shapes, true, null);
    if (walkConfig(making, config)) making.node!.entry = SEEN_ONCE;
  } else if (entry === SEEN_ONCE) {
    // The entry goes where the walk that made the template ends: the same node, unless a getter of the
    // config answered differently this time (then the template goes with its own shape, if seen).
    const templating = walkOf(shapes, false, {});
    if (walkConfig(templating, config) && templating.node) {
      const core = preparedCore(schema, key, options, config === undefined ? undefined : templating.template!, mode);
      templating.node.entry = core;
      if (core) shapes.cache.madePlan();
    }
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
