import { describe, expect, it } from 'vitest';
import { BEFORE_ISSUE_11, limitsSummary, renderLimits } from '../../bench/limitsReport';

const now = {
  withFanOut: { largest: 14_976, failsAt: 15_104, failure: 'SCAN_BUDGET_EXCEEDED (documentsRead)' },
  throughFanOut: { largest: 9_984, failsAt: 10_080, failure: 'SCAN_BUDGET_EXCEEDED (documentsRead)' },
  uniqueInsert: { largest: 14_976, failsAt: 15_104, failure: 'WRITE_BUDGET_EXCEEDED (documentsWritten)' },
  uniqueUpsert: { largest: 9_920, failsAt: 10_016, failure: 'SCAN_BUDGET_EXCEEDED (documentsRead)' },
  cascadeDelete: { largest: 7_488, failsAt: 7_552, failure: 'SCAN_BUDGET_EXCEEDED (documentsRead)' },
};

describe('the transaction-limits section of the bench report', () => {
  it('puts before and now side by side, with what stopped the next size', () => {
    const markdown = renderLimits(now).join('\n');
    expect(markdown).toContain(
      `| \`findMany({ with: { books: true } })\`: parents × 1 child | ${BEFORE_ISSUE_11.withFanOut!.largest.toLocaleString('en-US')} (4,096 fails: raw: Too many index ranges`,
    );
    expect(markdown).toContain('| 14,976 (15,104 fails: WRITE_BUDGET_EXCEEDED (documentsWritten)) |');
    expect(limitsSummary(now)).toContain('    insert rows, 3 unique columns: 1,360 → 14,976');
  });

  it('says a shape added after issue 11 was not measured before it', () => {
    expect(renderLimits(now).join('\n')).toContain(
      '| one cascade delete: parents × 1 child | not measured | 7,488 (7,552 fails: SCAN_BUDGET_EXCEEDED (documentsRead)) |',
    );
    expect(limitsSummary(now)).toContain('    upsert rows, 3 unique columns: not measured → 9,920');
    expect(limitsSummary(now)).toContain('    through fan-out parents × 1 link: not measured → 9,984');
  });

  it('is left out of a --tiny run', () => {
    expect(renderLimits(null)).toEqual([]);
    expect(limitsSummary(null)).toEqual([]);
  });
});
