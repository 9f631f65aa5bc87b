// Found by review (of bcf32368, which added `commitTs` to the validator JSON): schemaDiff's
// `accepts` had no case for it, so `bigint()` -> `custom(v.commitTs())` (and back, or a bigint
// literal -> commitTs) was a breaking type change and `migrate generate` scaffolded a migration.
// Every stored value of either is an int64 (a commitTs field stores the bigint the placeholder
// becomes); docs/migrations.md: a widened type prints "No migration needed".
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { accepts } from '../../src/cli/schemaDiff';
import { validatorJson } from '../../src/migrations/validatorJson';

const widens = (after: Parameters<typeof validatorJson>[0], before: Parameters<typeof validatorJson>[0]) =>
  accepts(validatorJson(after), validatorJson(before));

describe('accepts: commitTs and int64', () => {
  it('int64 → commitTs: every stored int64 passes v.commitTs()', () => {
    expect(widens(v.commitTs(), v.int64())).toBe(true);
  });
  it('commitTs → int64: a stored commit timestamp is an int64', () => {
    expect(widens(v.int64(), v.commitTs())).toBe(true);
  });
  it('a bigint literal → commitTs', () => {
    expect(widens(v.commitTs(), v.literal(5n))).toBe(true);
  });
  it('nested in an object field', () => {
    expect(widens(v.object({ at: v.commitTs() }), v.object({ at: v.int64() }))).toBe(true);
  });
});
