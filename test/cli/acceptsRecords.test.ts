import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { accepts } from '../../src/cli/schemaDiff';
import { validatorJson } from '../../src/migrations/validatorJson';

const widens = (after: Parameters<typeof validatorJson>[0], before: Parameters<typeof validatorJson>[0]) =>
  accepts(validatorJson(after), validatorJson(before));

// docs/migrations.md: "a widened type ... print[s] 'No migration needed'". A record whose values
// widen takes every record it took before, so `migrate generate` must not scaffold a migration.
describe('accepts: records', () => {
  it.each([
    [
      'records of wider values',
      v.record(v.string(), v.union(v.float64(), v.string())),
      v.record(v.string(), v.float64()),
    ],
    ['records of ids by records of strings', v.record(v.string(), v.string()), v.record(v.string(), v.id('users'))],
    [
      'records of objects with a new optional field',
      v.record(v.string(), v.object({ a: v.string(), b: v.optional(v.string()) })),
      v.record(v.string(), v.object({ a: v.string() })),
    ],
  ])('widens: %s', (_name, after, before) => {
    expect(widens(after, before)).toBe(true);
  });

  it.each([
    [
      'records of narrower values',
      v.record(v.string(), v.float64()),
      v.record(v.string(), v.union(v.float64(), v.string())),
    ],
    [
      'records keyed by ids for records keyed by strings',
      v.record(v.id('users'), v.string()),
      v.record(v.string(), v.string()),
    ],
  ])('narrows: %s', (_name, after, before) => {
    expect(widens(after, before)).toBe(false);
  });
});
