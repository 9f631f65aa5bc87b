import { type FunctionReference, getFunctionAddress } from 'convex/server';
import { OrmError } from './errors.js';
import { hasOwn } from './hasOwn.js';
import { resolveTransactionBudget, type TransactionBudgetOptions } from './limits/budgetOptions.js';
import type { TransactionLimitValues } from './limits/convexLimits.js';
import { DEFAULT_SCAN_BUDGET } from './query/budget.js';
import { describe, kindOf } from './schema/conforms.js';

/** The default most rows one statement may write, foreign-key actions included. */
export const DEFAULT_ROW_CAP = 1000;

/** The read and write limits an ORM is created with (`createOrm`, `createMutationApi`). */
export interface LimitOptions {
  /** Full table scans throw `FULL_SCAN_FORBIDDEN` instead of running within the budget. */
  readonly strict?: boolean | undefined;
  /** Documents one query or statement selection may read, relations included (default {@link DEFAULT_SCAN_BUDGET}). */
  readonly scanBudget?: number | undefined;
  /** The most rows one insert/update/delete may write, cascades included (default {@link DEFAULT_ROW_CAP}). */
  readonly rowCap?: number | undefined;
  /**
   * What the ORM lets one transaction reach (documents, bytes and index
   * ranges read; documents and bytes written), counted with what the caller
   * read and wrote where `ctx.meta.getTransactionMetrics()` exists. Defaults
   * sit a little under Convex's limits; past one, the ORM throws
   * `SCAN_BUDGET_EXCEEDED` / `WRITE_BUDGET_EXCEEDED` before Convex would stop.
   */
  readonly transactionBudget?: TransactionBudgetOptions | undefined;
}

/** `orm.db(ctx, options)`. */
export interface OrmDbOptions {
  /**
   * `false` is the named bypass: statements of this `db` fire no triggers
   * (bulk fixes, backfills). Raw `ctx.db` writes never fire any.
   */
  readonly triggers?: boolean | undefined;
  /**
   * `false` is the named bypass of the ORM's rules, for system code
   * (migrations, scheduled jobs): every row is readable and writable.
   */
  readonly rules?: boolean | undefined;
  /**
   * The row cap of this `db`'s statements (and its hooks'), in place of
   * `createOrm`'s: a positive integer, else `INVALID_OPTION`. For system code
   * finishing work a user statement was allowed to start (the scheduled hard
   * delete raises it to Convex's documents-written limit); the transaction
   * budgets still apply.
   */
  readonly rowCap?: number | undefined;
}

/** The options every read and write of an ORM runs with, defaults applied. */
export interface ResolvedOrmOptions {
  readonly strict: boolean;
  readonly scanBudget: number;
  readonly rowCap: number;
  readonly transactionBudget: TransactionLimitValues;
}

/** Throws `INVALID_OPTION` when option `name` cannot take `value`. */
export type Check = (name: string, value: unknown) => void;

const positiveInteger: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidOption(name, `must be a positive integer; got ${describe(value)}`);
  }
};
export const booleanOption: Check = (name, value) => {
  if (typeof value !== 'boolean') throw invalidOption(name, `must be true or false; got ${describe(value)}`);
};

// Every option and its check, in one place: a value the ORM cannot run with fails here, not later in a statement.
const CHECKS: Readonly<Record<keyof LimitOptions, Check>> = {
  strict: booleanOption,
  scanBudget: positiveInteger,
  rowCap: positiveInteger,
  transactionBudget: (name, value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidOption(name, `must be an object of budgets; got ${describe(value)}`);
    }
    resolveTransactionBudget(value as TransactionBudgetOptions);
  },
};
/** What a define function returns: a marked object, not the config it was passed. */
const definedBy =
  (kind: string, define: string): Check =>
  (name, value) => {
    if ((value as { kind?: unknown } | null | undefined)?.kind !== kind) {
      throw invalidOption(name, `must be what ${define} returns; got ${kindOf(value)}`);
    }
  };
/** Checked where `createOrm` uses it: `relations` by `SchemaContext`, `cursorSecret` by {@link checkCursorSecret}. */
const checkedOnUse: Check = () => {};
// `createOrm`'s options: the limits, and what the ORM is made of, each checked when the ORM is created
// rather than failing every later read or write with a TypeError.
const CREATE_ORM_CHECKS: Readonly<Record<string, Check>> = {
  relations: checkedOnUse,
  triggers: definedBy('convex-orm:triggers', 'defineTriggers(relations, { ... })'),
  scheduledDelete: (name, value) => {
    if (!isFunctionReference(value)) {
      throw invalidOption(
        name,
        `must be the scheduledDelete function of defineDeletionFunctions, as internal.<module>.scheduledDelete; got ${kindOf(value)}`,
      );
    }
  },
  rules: definedBy('convex-orm:rules', 'defineRules(relations, (ctx) => ({ ... }))'),
  cursorSecret: checkedOnUse,
  ...CHECKS,
};
const DB_CHECKS: Readonly<Record<keyof OrmDbOptions, Check>> = {
  triggers: booleanOption,
  rules: booleanOption,
  rowCap: positiveInteger,
};

/**
 * Checks each option of `call` with its entry in `checks`, returning them;
 * an unknown key throws, so a misspelt option is not silently ignored.
 */
export function checkOptions(
  call: string,
  options: unknown,
  checks: Readonly<Record<string, Check>>,
): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OrmError('INVALID_OPTION', `${call} takes an options object; got ${describe(options)}.`);
  }
  const given = options as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const check = hasOwn(checks, name) ? checks[name] : undefined;
    if (!check) {
      const known = Object.keys(checks).join(', ');
      throw invalidOption(name, `is not an option of ${call} (options: ${known})`);
    }
    check(name, value);
  }
  return given;
}

/**
 * Validates the limit options of `call` (`createMutationApi`) and applies
 * their defaults; any unknown key throws, so a misspelt option is not
 * silently ignored.
 */
export function resolveOptions(call: string, options: unknown): ResolvedOrmOptions {
  return limitsOf(checkOptions(call, options, CHECKS));
}

/**
 * Validates `createOrm`'s options (the limits, `triggers`, `rules`,
 * `scheduledDelete`; `relations` and `cursorSecret` are checked where it uses
 * them) and applies the limits' defaults.
 */
export function resolveOrmOptions(options: unknown): ResolvedOrmOptions {
  return limitsOf(checkOptions('createOrm', options, CREATE_ORM_CHECKS));
}

/** The limits of checked options, defaults applied. */
function limitsOf(given: Record<string, unknown>): ResolvedOrmOptions {
  return {
    strict: (given.strict as boolean | undefined) ?? false,
    scanBudget: (given.scanBudget as number | undefined) ?? DEFAULT_SCAN_BUDGET,
    rowCap: (given.rowCap as number | undefined) ?? DEFAULT_ROW_CAP,
    transactionBudget: resolveTransactionBudget(given.transactionBudget as TransactionBudgetOptions | undefined),
  };
}

/**
 * Whether `value` is what `scheduler.runAfter` takes: a function reference
 * (`internal.deletions.scheduledDelete`), a component's reference, a function
 * handle (`function://...`) or a non-empty function name.
 */
function isFunctionReference(value: unknown): boolean {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return false;
  try {
    const address = getFunctionAddress(value as FunctionReference<'mutation', 'internal'>);
    return Boolean(address.name || address.functionHandle || address.reference);
  } catch {
    return false;
  }
}

/**
 * The limits of one `orm.db(ctx, dbOptions)`: `resolved` with its `rowCap`.
 * Checks `dbOptions` as `createOrm` checks its own (`INVALID_OPTION` naming
 * the option); without them, `resolved` itself, at no cost (it runs per
 * Convex function call).
 */
export function resolveDbOptions(
  resolved: ResolvedOrmOptions,
  dbOptions: OrmDbOptions | undefined,
): ResolvedOrmOptions {
  if (dbOptions === undefined) return resolved;
  const { rowCap } = checkOptions('orm.db(ctx, options)', dbOptions, DB_CHECKS) as OrmDbOptions;
  return rowCap === undefined ? resolved : { ...resolved, rowCap };
}

/** The fewest characters a `cursorSecret` may have: 32 random bytes, base64-encoded, have 44. */
export const MIN_CURSOR_SECRET_LENGTH = 32;

/**
 * Checks `createOrm({ cursorSecret })`: absent, or a string of at least
 * {@link MIN_CURSOR_SECRET_LENGTH} characters. The message never echoes the
 * value: it is a secret, and errors end up in logs.
 */
export function checkCursorSecret(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < MIN_CURSOR_SECRET_LENGTH) {
    const got = typeof value === 'string' ? `a string of ${value.length} characters` : kindOf(value);
    throw invalidOption(
      'cursorSecret',
      `must be a random string of at least ${MIN_CURSOR_SECRET_LENGTH} characters, so page cursors cannot be guessed or forged (e.g. \`openssl rand -base64 32\`); got ${got}`,
    );
  }
  return value;
}

function invalidOption(name: string, problem: string): OrmError {
  return new OrmError('INVALID_OPTION', `Option "${name}" ${problem}.`, { details: { option: name } });
}
