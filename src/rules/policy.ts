import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { hasOwn } from '../hasOwn.js';
import { parseRelationWhere } from '../query/parseRelationWhere.js';
import { readRow } from '../query/readRow.js';
import type { RowOperation, RowRules, SchemaContext } from '../query/schemaContext.js';
import type { TableConfig } from '../schema/table.js';
import type { Rules, RulesOf } from './define.js';

type AnyRule = object | ((row: never, ctx: unknown) => boolean);
interface TableEntry {
  readonly read?: AnyRule;
  readonly insert?: AnyRule;
  readonly update?: AnyRule | { readonly using?: AnyRule; readonly check?: AnyRule };
  readonly delete?: AnyRule;
}

/** Which rule of a table entry decides an operation, and where it sits (for messages and `explain()`). */
function ruleOf(entry: TableEntry, operation: RowOperation): readonly [AnyRule | undefined, string] {
  switch (operation) {
    case 'updateUsing':
    case 'updateCheck': {
      const update = entry.update;
      if (typeof update === 'function' || update === undefined || !('using' in update || 'check' in update)) {
        return [update, 'update'];
      }
      return operation === 'updateCheck' && update.check !== undefined
        ? [update.check, 'update.check']
        : [update.using, 'update.using'];
    }
    default:
      return [entry[operation], operation];
  }
}

/**
 * Marks the ctx a rule function is given with the rule definitions running
 * (a symbol key, so `{ ...ctx }` keeps it): the same definition again would
 * recurse without end, and a `db` made from it must not wait behind the
 * operation that is waiting for the rule function.
 */
const RULE_FUNCTION_CTX = Symbol('convex-orm rule function ctx');

function runningRules(ctx: unknown): ReadonlySet<Rules<any, any>> | undefined {
  return (ctx as { [RULE_FUNCTION_CTX]?: ReadonlySet<Rules<any, any>> } | null)?.[RULE_FUNCTION_CTX];
}

/** True for the ctx a rule function was given (or a spread copy of it). */
export function isRuleFunctionCtx(ctx: object): boolean {
  return runningRules(ctx) !== undefined;
}

/** What a rule function returned, when it is a rules object; a missing `return` is a clear error, not a `TypeError` later. */
function rulesObject(value: unknown): RulesOf<any, unknown> {
  if (typeof value === 'object' && value !== null) return value as RulesOf<any, unknown>;
  throw new OrmError(
    'INVALID_QUERY',
    `The rule function of defineRules() returned ${value === undefined ? 'undefined' : typeof value}: it must return the rules object ({ posts: { read: ... } }).`,
  );
}

/**
 * The rules of one `orm.db(ctx)`: the rule function runs once, lazily (at
 * the first operation that needs it, awaited by `ready()`), and each rule
 * becomes a filter node once per table and operation. Object rules parse
 * like a `where`; function rules become residual row tests over the row as
 * queries return it.
 */
export class RulePolicy implements RowRules {
  private evaluated: RulesOf<any, unknown> | undefined;
  private pending: Promise<void> | undefined;
  private readonly filters = new Map<string, FilterNode | null>();

  constructor(
    private readonly schema: SchemaContext,
    private readonly rules: Rules<any, any>,
    private readonly ctx: unknown,
  ) {}

  ready(): Promise<void> {
    this.start();
    return this.pending ?? Promise.resolve();
  }

  filter(key: string, operation: RowOperation): FilterNode | null {
    const cacheKey = `${key}:${operation}`;
    if (this.filters.has(cacheKey)) return this.filters.get(cacheKey)!;
    const filter = this.build(key, operation);
    this.filters.set(cacheKey, filter);
    return filter;
  }

  /**
   * Runs the rule function once; a synchronous one is done on the spot (so
   * `explain()` can use it). It gets the caller's ctx marked with the rule
   * definitions running, so `orm.db(ctx)` inside it knows where it is (see
   * {@link isRuleFunctionCtx}).
   */
  private start(): void {
    if (this.evaluated || this.pending) return;
    const running = runningRules(this.ctx);
    if (running?.has(this.rules)) {
      throw new OrmError(
        'INVALID_QUERY',
        'A rule function used orm.db(ctx) with rules on, which runs the same rule function again, without end: inside a rule function, read through orm.db(ctx, { rules: false }).',
      );
    }
    const marked = { ...(this.ctx as object), [RULE_FUNCTION_CTX]: new Set([...(running ?? []), this.rules]) };
    const rules = this.rules.evaluate(marked);
    if (!(rules instanceof Promise)) {
      this.evaluated = rulesObject(rules);
      return;
    }
    this.pending = rules.then((resolved) => {
      this.evaluated = rulesObject(resolved);
    });
  }

  private entries(): RulesOf<any, unknown> {
    this.start();
    if (!this.evaluated) {
      throw new OrmError(
        'INVALID_QUERY',
        'The rule function is async and has not finished yet: await a query of this db before calling explain().',
      );
    }
    return this.evaluated;
  }

  private build(key: string, operation: RowOperation): FilterNode | null {
    const table = this.schema.table(key);
    const rules = this.entries();
    const entry = hasOwn(rules, key) ? (rules[key] as TableEntry | undefined) : undefined;
    if (!entry) {
      if (!this.rules.defaultDeny) return null;
      throw new OrmError(
        'RULE_VIOLATION',
        `Table "${table.name}" has no rules and the rules deny by default (defineRules(..., { defaultDeny: true })): add a "${key}" entry to the rules, or use orm.db(ctx, { rules: false }) in system code.`,
        { table: table.name },
      );
    }
    const [rule, name] = ruleOf(entry, operation);
    if (rule === undefined) {
      if (!this.rules.defaultDeny) return null;
      throw new OrmError(
        'RULE_VIOLATION',
        `The rules of "${key}" have no "${name}" rule and deny by default: add one to allow ${operation.startsWith('update') ? 'update' : operation} on "${table.name}".`,
        { table: table.name },
      );
    }
    if (typeof rule !== 'function') return parseRelationWhere(this.schema, key, rule);
    return {
      kind: 'test',
      label: `rule ${key}.${name}()`,
      test: ruleTest(rule as (row: never, ctx: unknown) => boolean, table, this.ctx),
    };
  }
}

/** A rule function as a filter node's row test: called with the row as a read returns it, and the call's ctx. */
function ruleTest(
  rule: (row: never, ctx: unknown) => boolean,
  table: TableConfig,
  ctx: unknown,
): (row: Record<string, unknown>) => boolean {
  return (row) => rule(readRow(table, row) as never, ctx);
}
