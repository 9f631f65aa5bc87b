import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  bigint,
  boolean,
  bytes,
  convexTable,
  custom,
  date,
  defineSchema,
  id,
  insertValidator,
  integer,
  json,
  number,
  objectOf,
  selectValidator,
  text,
  textEnum,
  timestamp,
  updateValidator,
  vector,
} from '../../../src/index';

// The generated validators rebuild arrayOf / objectOf validators from their nested definitions:
// with no notNull-of-nullable-data anywhere they equal the stored schema's.
const inner = objectOf({
  a: text(),
  b: integer().notNull(),
  c: arrayOf(textEnum(['x', 'y'])),
  d: arrayOf(objectOf({ e: bigint(), f: bytes().notNull(), g: id('people') })),
  h: vector(3),
  i: json<{ z: number }>(),
  j: custom(v.union(v.null(), v.string())),
  k: timestamp().notNull(),
  l: date(),
  m: arrayOf(arrayOf(number().notNull())).notNull(),
  n: objectOf({}),
});
const people = convexTable('people', {
  t1: inner,
  t2: inner.notNull(),
  t3: arrayOf(inner),
  t4: arrayOf(inner.notNull()).notNull(),
  t5: arrayOf(custom(v.union(v.null(), v.string()))),
  t6: objectOf({ q: arrayOf(boolean()).notNull() }),
  t7: textEnum(['a']).notNull(),
  t8: custom(v.union(v.null(), v.string())),
});
const schema = defineSchema({ people }) as unknown as {
  tables: { people: { validator: { fields: Record<string, { json: unknown }> } } };
};
const json_ = (validator: { json: unknown }) => JSON.stringify(validator.json);

describe('generated validators of nested nullable definitions equal the stored ones', () => {
  it.each(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'])('%s', (key) => {
    const stored = schema.tables.people.validator.fields[key]!;
    const insert = (insertValidator(people).fields as unknown as Record<string, { json: unknown }>)[key]!;
    const update = (updateValidator(people).fields as unknown as Record<string, { json: unknown }>)[key]!;
    const select = (selectValidator(people).fields as unknown as Record<string, { json: unknown }>)[key]!;
    expect(json_(insert)).toBe(json_(stored));
    expect(json_(update)).toBe(json_(v.optional(select as never)));
    expect(json_(v.optional(select as never))).toBe(json_(v.optional(stored as never)));
  });
});
