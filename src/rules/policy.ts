import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { databaseView } from '../limits/databaseView.js';
import type { TransactionMeter } from '../limits/transactionMeter.js';
import { parseRelationWhere } from '../query/parseRelationWhere.js';
import { readRow } from '../query/readRow.js';
import type { RowOperation, RowRules, SchemaContext } from '../query/schemaContext.js';
import { kindOf } from '../schema/conforms.js';
import type { TableConfig } from '../schema/table.js';
import { checkRuleKeys } from './checkRuleKeys.js';
import type { Rules, RulesOf } from './define.js';
import { checkRuleWhere } from './ruleWhere.js';

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
      // Not an object (a function, or a malformed value `build` refuses): the rule itself.
      if (typeof update !== 'object' || update === null || !('using' in update || 'check' in update)) {
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
 * The rule definitions running, by the database a rule function is given:
 * its ctx's `db` is a view of the caller's ({@link databaseView}), the one
 * object every ctx it makes from its own shares (`{ ...ctx }`, `{ db: ctx.db,
 * auth: ctx.auth }`). The same definitions again there would recurse without
 * end. The view's own identity also gives the operations of a `db` made from
 * it a turn order of their own: they must not wait behind the caller's
 * operation that is waiting for the rule function. Calls outside a rule
 * function, even concurrent ones, use the caller's database: never marked.
 */
const runningOn = new WeakMap<object, ReadonlySet<Rules<any, any>>>();

function runningRules(ctx: unknown): ReadonlySet<Rules<any, any>> | undefined {
  const db = (ctx as { db?: unknown } | null)?.db;
  return typeof db === 'object' && db !== null ? runningOn.get(db) : undefined;
}

/** `ctx` for a rule function of `rules`: its `db` a view of `ctx.db`, marked with the rule definitions running. */
function ruleFunctionCtx(ctx: object, rules: Rules<any, any>): object {
  const { db } = ctx as { db?: unknown };
  if (typeof db !== 'object' || db === null) return ctx;
  const view = databaseView(db);
  runningOn.set(view, new Set([...(runningRules(ctx) ?? []), rules]));
  return { ...ctx, db: view };
}

/** What a rule function returned, when it is a rules object; a missing `return` is a clear error, not a `TypeError` later. */
function rulesObject(value: unknown): RulesOf<any, unknown> {
  // A Map or an array holds no entries as keys: read by its keys it would have no rule for any table.
  if (isPlainObject(value)) return value as RulesOf<any, unknown>;
  throw new OrmError(
    'INVALID_QUERY',
    `The rule function of defineRules() returned ${given(value)}: it must return the rules object, an object literal ({ posts: { read: ... } }).`,
  );
}

/** A rejection handled elsewhere (see `RulePolicy.start`). */
function ignoreRejection(): void {}

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

  /**
   * @param meter The meter of the `db` the rules are for: it takes the transaction's metrics once an
   *   async rule function has settled (see {@link start}).
   */
  constructor(
    private readonly schema: SchemaContext,
    private readonly rules: Rules<any, any>,
    private readonly ctx: unknown,
    private readonly meter?: TransactionMeter,
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
   * `explain()` can use it). It gets the caller's ctx with a marked view of
   * its `db`, so `orm.db(ctx)` inside it knows where it is (see {@link runningOn}).
   * An async one may read through that `db`, around the meter, after the operation that awaits
   * it synced: so once it settles the meter takes the transaction's metrics again, and the
   * operation's checks count those reads (else a statement passes them and fails part-way on
   * Convex's own limit). One `getTransactionMetrics()` more per `orm.db(ctx)`, where Convex offers it.
   */
  private start(): void {
    if (this.evaluated || this.pending) return;
    if (runningRules(this.ctx)?.has(this.rules)) {
      throw new OrmError(
        'INVALID_QUERY',
        'A rule function read with rules on (orm.db(ctx), or a prepared query executed with its ctx), which runs the rule again without end: inside a rule function, read through orm.db(ctx, { rules: false }) (a prepared query: execute({ db: orm.db(ctx, { rules: false }) }, values)).',
      );
    }
    const rules = this.rules.evaluate(ruleFunctionCtx(this.ctx as object, this.rules));
    if (!(rules instanceof Promise)) {
      this.evaluated = this.checked(rules);
      return;
    }
    this.pending = rules.then((resolved) => {
      this.evaluated = this.checked(resolved);
      return this.meter?.sync();
    });
    // Handled here too: an `explain()` that started it and threw ("not finished yet") awaits nothing,
    // and a failure must not be an unhandled rejection; every `ready()` still rejects with it.
    this.pending.catch(ignoreRejection);
  }

  /** What the rule function returned, checked to be a rules object whose every key is read ({@link checkRuleKeys}). */
  private checked(value: unknown): RulesOf<any, unknown> {
    const rules = rulesObject(value);
    checkRuleKeys(rules, Object.keys(this.schema.schema.tables));
    return rules;
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
    const entry = tableEntry(entryOf(rules, key), key, table);
    if (entry === undefined) {
      if (!this.rules.defaultDeny) return null;
      throw new OrmError(
        'RULE_VIOLATION',
        `Table "${table.name}" has no rules and the rules deny by default (defaultDeny): add a "${key}" entry, or use orm.db(ctx, { rules: false }) in system code.`,
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
    if (typeof rule !== 'function') {
      const where = whereRule(rule, key, name, table);
      checkRuleWhere(this.schema, key, where, name);
      return parseRelationWhere(this.schema, key, where);
    }
    return {
      kind: 'test',
      label: `rule ${key}.${name}()`,
      test: ruleTest(rule as (row: never, ctx: unknown) => boolean, table, this.ctx),
    };
  }
}

/**
 * The entry of table `key`, read as `rules[key]` is: an own key, or one a Proxy or a prototype
 * gives (shared base rules), so none is skipped and left allowing every row; a name every object
 * has (`constructor`, `toString`) only as an own key.
 */
function entryOf(rules: RulesOf<any, unknown>, key: string): unknown {
  return hasOwn(rules, key) || !(key in Object.prototype) ? (rules as Record<string, unknown>)[key] : undefined;
}

/** An object that is not an array: what a table's entry and a where-object rule are. */
function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a malformed entry or rule is, never its contents (`null`, `a boolean`, `a function`). */
function given(value: unknown): string {
  return typeof value === 'function' ? 'a function' : kindOf(value);
}

/**
 * A table's entry of the rules object, checked to be an object of rules by operation: anything
 * else (a rule function meant for every operation, `null`, `false` from `cond && { ... }`) has no
 * `read` key and would allow every operation, so it is refused. `undefined` is no entry.
 */
function tableEntry(entry: unknown, key: string, table: TableConfig): TableEntry | undefined {
  // A Map holds its rules as entries, not keys: read by its keys it would have no rule for any operation.
  if (entry === undefined || isPlainObject(entry)) return entry as TableEntry | undefined;
  throw new OrmError(
    'INVALID_QUERY',
    `The rules entry of "${key}" is ${given(entry)}: it must be an object literal of rules by operation ({ read, insert, update, delete }); for one rule on every operation, give it to each.`,
    { table: table.name },
  );
}

/**
 * A rule that is not a function, checked to be a where-object: `null`, `true` or an array there
 * is a slip (a plain-JS "no rule", or "allow all"), refused by name rather than read as a filter.
 */
function whereRule(rule: unknown, key: string, name: string, table: TableConfig): object {
  if (isObject(rule)) return rule;
  throw new OrmError(
    'INVALID_FILTER',
    `The "${name}" rule of "${key}" is ${given(rule)}: a rule is a where-object ({} allows every row) or a function of the row; leave the key out for no rule.`,
    { table: table.name },
  );
}

/**
 * A rule function as a filter node's row test: called with the row as a read returns it, and the
 * call's ctx. Only `true` lets a row through (a plain-JS rule returning `undefined` or `1` hides
 * it), wherever the test stands: alone, under AND, or under NOT.
 */
function ruleTest(
  rule: (row: never, ctx: unknown) => boolean,
  table: TableConfig,
  ctx: unknown,
): (row: Record<string, unknown>) => boolean {
  return (row) => rule(readRow(table, row) as never, ctx) === true;
}
