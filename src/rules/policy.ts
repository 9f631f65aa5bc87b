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
 * Marks the ctx a rule function is given: a `db` made from it with rules on
 * would run the rule function again, and so on without end. It is a symbol
 * key so `{ ...ctx }` keeps it.
 */
const RULE_FUNCTION_CTX = Symbol('convex-orm rule function ctx');

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
  /** Operations waiting in {@link beforeTurn} for the rule function, in the order they started. */
  private waiting = 0;
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

  /**
   * Runs `take` (an operation taking its turn on the writer) once the rule
   * function is done, so the function's own reads through the ORM are not
   * queued behind that turn. Operations that wait take their turns in the
   * order they started: until the last of them has taken its turn, one
   * started meanwhile waits too rather than overtake them. A rule function
   * that throws rejects them all.
   */
  beforeTurn<R>(take: () => Promise<R>): Promise<R> {
    this.start();
    if (this.evaluated && this.waiting === 0) return take();
    this.waiting++;
    return this.pending!.then(
      () => {
        this.waiting--;
        return take();
      },
      (error) => {
        this.waiting--;
        throw error;
      },
    );
  }

  filter(key: string, operation: RowOperation): FilterNode | null {
    const cacheKey = `${key}:${operation}`;
    if (this.filters.has(cacheKey)) return this.filters.get(cacheKey)!;
    const filter = this.build(key, operation);
    this.filters.set(cacheKey, filter);
    return filter;
  }

  /** Runs the rule function once; a synchronous one is done on the spot (so `explain()` can use it). */
  private start(): void {
    if (this.evaluated || this.pending) return;
    if (isRuleFunctionCtx(this.ctx)) {
      throw new OrmError(
        'INVALID_QUERY',
        'A rule function used orm.db(ctx) with rules on, which runs the rule function again, without end: inside a rule function, read through orm.db(ctx, { rules: false }).',
      );
    }
    const rules = this.rules.evaluate({ ...(this.ctx as object), [RULE_FUNCTION_CTX]: true });
    if (!(rules instanceof Promise)) {
      this.evaluated = rules;
      return;
    }
    this.pending = rules.then((resolved) => {
      this.evaluated = resolved;
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

function isRuleFunctionCtx(ctx: unknown): boolean {
  return typeof ctx === 'object' && ctx !== null && RULE_FUNCTION_CTX in ctx;
}

/** A rule function as a filter node's row test: called with the row as a read returns it, and the call's ctx. */
function ruleTest(
  rule: (row: never, ctx: unknown) => boolean,
  table: TableConfig,
  ctx: unknown,
): (row: Record<string, unknown>) => boolean {
  return (row) => rule(readRow(table, row) as never, ctx);
}
