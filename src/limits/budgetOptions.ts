import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { describe } from '../schema/conforms.js';
import { DEFAULT_TRANSACTION_BUDGET, type TransactionLimitValues } from './convexLimits.js';

/**
 * `createOrm({ transactionBudget })`: what the ORM lets one transaction reach,
 * per limit; unset ones keep {@link DEFAULT_TRANSACTION_BUDGET}. Values above
 * Convex's own limits are capped at them.
 */
export type TransactionBudgetOptions = {
  readonly [K in keyof TransactionLimitValues]?: TransactionLimitValues[K] | undefined;
};

/** The budget with defaults applied; throws `INVALID_OPTION` on an unknown name or a value that is not a positive integer. */
export function resolveTransactionBudget(options: TransactionBudgetOptions = {}): TransactionLimitValues {
  const budget: Record<string, number> = { ...DEFAULT_TRANSACTION_BUDGET };
  for (const [name, value] of Object.entries(options)) {
    if (!hasOwn(DEFAULT_TRANSACTION_BUDGET, name)) {
      const known = Object.keys(DEFAULT_TRANSACTION_BUDGET).join(', ');
      throw new OrmError('INVALID_OPTION', `Unknown transactionBudget "${name}"; known budgets: ${known}.`, {
        details: { option: `transactionBudget.${name}` },
      });
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new OrmError(
        'INVALID_OPTION',
        `transactionBudget.${name} must be a positive integer; got ${describe(value)}.`,
        {
          details: { option: `transactionBudget.${name}` },
        },
      );
    }
    budget[name] = value;
  }
  return budget as unknown as TransactionLimitValues;
}
