// A nested field named `__proto__` (found by review): `objectOf({ ['__proto__']: text() })` built
// its validator by assignment, which set the object's prototype, so the field silently vanished
// from the column; `custom(v.object({ ['__proto__']: ... }))` kept it, though no ORM write can ever
// give it (JavaScript cannot hand a field of that name to Convex; src/limits/valueLimits refuses
// it in values). Both are INVALID_SCHEMA when the column is defined, naming the field.
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { arrayOf, convexTable, custom, defineSchema, isOrmError, objectOf, text } from '../../src/index';

function refusal(define: () => unknown): unknown {
  try {
    define();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

describe('a nested field named __proto__ is INVALID_SCHEMA', () => {
  it.each([
    ['objectOf', () => objectOf({ ['__proto__']: text(), a: text() })],
    ['objectOf, nested in arrayOf', () => arrayOf(objectOf({ inner: objectOf({ ['__proto__']: text() }) }))],
    ['custom(v.object)', () => custom(v.object({ ['__proto__']: v.string() }))],
    ['custom, in a union member', () => custom(v.union(v.string(), v.object({ ['__proto__']: v.number() })))],
  ])('%s', (_case, define) => {
    const error = refusal(define);
    expect(isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toContain('has field "__proto__"');
  });

  it("objectOf's other fields are all in the deployed validator, one named like a prototype member too", () => {
    const schema = defineSchema({ t: convexTable('t', { o: objectOf({ a: text(), constructor: text() }) }) });
    const json = (schema.tables as any).t.validator.json;
    const object = json.value.o.fieldType.value.find((member: { type: string }) => member.type === 'object');
    expect(Object.keys(object.value)).toEqual(['a', 'constructor']);
  });
});
