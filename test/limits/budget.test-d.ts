import { createOrm, type TransactionBudgetOptions, type TransactionLimitName } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { relations } from '../../example/convex/schema';

describe('createOrm({ transactionBudget })', () => {
  it('takes any subset of the seven budgets, as numbers', () => {
    createOrm({ relations, transactionBudget: { indexRanges: 2_000 } });
    createOrm({
      relations,
      transactionBudget: { documentsRead: 1, bytesRead: 1, documentsWritten: 1, bytesWritten: 1 },
    });
    expectTypeOf<TransactionLimitName>().toEqualTypeOf<
      | 'documentsRead'
      | 'bytesRead'
      | 'indexRanges'
      | 'documentsWritten'
      | 'bytesWritten'
      | 'functionsScheduled'
      | 'scheduledFunctionArgsBytes'
    >();
    expectTypeOf<TransactionBudgetOptions['indexRanges']>().toEqualTypeOf<number | undefined>();
  });

  it('rejects unknown budgets and non-numbers', () => {
    // @ts-expect-error: not a budget name
    createOrm({ relations, transactionBudget: { ranges: 10 } });
    // @ts-expect-error: a budget is a number
    createOrm({ relations, transactionBudget: { indexRanges: '10' } });
  });

  it('exposes the resolved budget on orm.options', () => {
    const orm = createOrm({ relations });
    expectTypeOf(orm.options.transactionBudget.indexRanges).toEqualTypeOf<number>();
  });
});
