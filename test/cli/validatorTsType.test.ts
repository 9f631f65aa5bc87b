import { describe, expect, it } from 'vitest';
import { tsType } from '../../src/cli/validatorSource';

// The TypeScript types `migrate generate` writes for a column's values (its `Before` row type):
// an empty `v.union()` (a `custom()` column accepting no value) was written as `x?: ;`.
describe('tsType of a validator', () => {
  it('writes never for a union of no member, and the members of a union joined', () => {
    expect(tsType({ type: 'union', value: [] })).toBe('never');
    expect(tsType({ type: 'union', value: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(tsType({ type: 'array', value: { type: 'union', value: [] } })).toBe('Array<never>');
  });
});
