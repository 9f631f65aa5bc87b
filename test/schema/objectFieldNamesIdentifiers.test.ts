// Field names declared in `objectOf()` and `custom(v.object(...))` are the keys of an object
// validator in the schema, which Convex reads as identifiers (the backend's `ObjectValidator` is
// keyed by `IdentifierFieldName`: non-empty, a letter or `_` first, then letters, digits and `_`,
// at most 64 characters, not only underscores): `objectOf({ 'first-name': text() })` runs on
// convex-test, which never checks a schema's shape, and fails `npx convex deploy`. So they are
// `INVALID_SCHEMA` when the column is defined (docs/schema.md). Field names inside values a
// `json()` column or a `record` holds are not declared, and follow the rule for stored values.
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { custom, objectOf, text } from '../../src/index';

const codeOf = (define: () => unknown) => {
  try {
    define();
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe('object field names in a validator must be Convex identifiers (deploy refuses others)', () => {
  const refused = ['first-name', 'a b', '', '1st', 'a'.repeat(65), '__'];

  it.each(refused)('objectOf({ %j: text() }) is INVALID_SCHEMA', (name) => {
    expect(codeOf(() => objectOf({ [name]: text() }))).toBe('INVALID_SCHEMA');
  });

  it.each(refused)('custom(v.object({ %j: v.string() })) is INVALID_SCHEMA', (name) => {
    expect(codeOf(() => custom(v.object({ [name]: v.string() })))).toBe('INVALID_SCHEMA');
  });

  it('identifier names stay accepted (64 characters, underscores, digits after the first)', () => {
    expect(codeOf(() => objectOf({ ['a'.repeat(64)]: text(), first_name: text(), a1: text() }))).toBe('accepted');
  });
});
