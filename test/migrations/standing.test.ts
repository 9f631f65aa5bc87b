import { describe, expect, it } from 'vitest';
import { standingOf } from '../../src/migrations/standing';

const record = { migrationId: '20260101_000000_a', checksum: 'v1' };

describe('standingOf', () => {
  it('applied wins; partiallyReverted (recorded by committed batches) decides the rest', () => {
    expect(standingOf(undefined)).toBe('not_applied');
    expect(standingOf({ ...record, applied: true, direction: 'down', status: 'pending' })).toBe('applied');
    // An up queued over a partially reverted migration changes direction and status, not the record.
    expect(standingOf({ ...record, applied: false, partiallyReverted: true, direction: 'up', status: 'failed' })).toBe(
      'partially_reverted',
    );
    expect(
      standingOf({ ...record, applied: false, partiallyReverted: false, direction: 'down', status: 'failed' }),
    ).toBe('not_applied');
  });

  it('a state written before partiallyReverted was recorded is judged by its last run', () => {
    expect(standingOf({ ...record, applied: false, direction: 'down', status: 'canceled' })).toBe('partially_reverted');
    expect(standingOf({ ...record, applied: false, direction: 'down', status: 'completed' })).toBe('not_applied');
    expect(standingOf({ ...record, applied: false, direction: 'up', status: 'failed' })).toBe('not_applied');
  });
});
