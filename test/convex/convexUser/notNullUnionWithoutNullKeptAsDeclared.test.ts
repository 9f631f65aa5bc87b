import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { convexTable, custom, defineSchema, insertValidator, selectValidator } from '../../../src/index';

// eaffd03: withoutNull (src/validators/fields.ts:52) now flattens every union of a notNull column and
// rebuilds it, even when no member (nested or not) is null: a notNull custom union whose data type
// never admitted null no longer gets its declared validator back from insert/select validators,
// though no notNull-of-nullable-data is involved (before eaffd03 it was returned unchanged).
const declared = v.union(v.string(), v.union(v.number(), v.boolean()));
const things = convexTable('things', { value: custom(declared).notNull() });
const schema = defineSchema({ things }) as unknown as {
  tables: { things: { validator: { fields: Record<string, { json: unknown }> } } };
};
const json = (validator: { json: unknown }) => JSON.stringify(validator.json);

describe('a notNull union without null keeps its declared validator', () => {
  it('insertValidator and selectValidator give the stored validator of custom(union of unions).notNull()', () => {
    const stored = schema.tables.things.validator.fields.value!;
    expect(json(stored)).toBe(json(declared));
    expect(json(insertValidator(things).fields.value)).toBe(json(declared));
    expect(json(selectValidator(things).fields.value)).toBe(json(declared));
  });
});
