import { describe, expect, it } from 'vitest';
import { BEFORE_ISSUE_11, limitsSummary, renderLimits } from '../../bench/limitsReport';

const now = {
  withFanOut: { largest: 14_976, failsAt: 15_104, failure: 'SCAN_BUDGET_EXCEEDED (documentsRead)' },
  uniqueInsert: { largest: 14_976, failsAt: 15_104, failure: 'WRITE_BUDGET_EXCEEDED (documentsWritten)' },
};

describe('the transaction-limits section of the bench report', () => {
  it('puts before and now side by side, with what stopped the next size', () => {
    const markdown = renderLimits(now).join('\n');
    expect(markdown).toContain(
      `| \`findMany({ with: { books: true } })\`: parents × 1 child | ${BEFORE_ISSUE_11.withFanOut.largest.toLocaleString('en-US')} (4,096 fails: raw: Too many index ranges`,
    );
    expect(markdown).toContain('| 14,976 (15,104 fails: WRITE_BUDGET_EXCEEDED (documentsWritten)) |');
    expect(limitsSummary(now)).toContain('    insert rows, 3 unique columns: 1,360 → 14,976');
  });

  it('is left out of a --tiny run', () => {
    expect(renderLimits(null)).toEqual([]);
    expect(limitsSummary(null)).toEqual([]);
  });
});
