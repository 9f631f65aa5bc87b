import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { convexTable, custom, defineSchema, insertValidator, selectValidator } from '../../../src/index';

// A notNull custom union whose data type never admits null (no member, nested or not, is null) gets
// its declared validator back from the insert and select validators, nested unions kept, as the
// stored schema has it.
const declared = v.union(v.string(), v.union(v.number(), v.boolean()));
const things = convexTable('things', { value: custom(declared).notNull() });
const schema = defineSchema({ things }) as unknown as {
  tables: { things: { validator: { fields: Record<string, { json: unknown }> } } };
};
const json = (validator: unknown) => JSON.stringify((validator as { json: unknown }).json);

describe('a notNull union without null keeps its declared validator', () => {
  it('insertValidator and selectValidator give the stored validator of custom(union of unions).notNull()', () => {
    const stored = schema.tables.things.validator.fields.value!;
    expect(json(stored)).toBe(json(declared));
    expect(json(insertValidator(things).fields.value)).toBe(json(declared));
    expect(json(selectValidator(things).fields.value)).toBe(json(declared));
  });
});
