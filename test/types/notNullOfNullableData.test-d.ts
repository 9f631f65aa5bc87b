import { v } from 'convex/values';
import { convexTable, custom, type InferInsertModel, type InferSelectModel, json, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// `.notNull()` on a column whose data type holds `null` (a custom() validator that admits null,
// json<T | null>()) kept `null` in the types: the insert model took `null` and the row read `T | null`.
// The runtime refuses it (insert({ c: null }) is VALIDATION 'Column "things.c" is notNull; got null.'),
// so no row reads null there. json<unknown>'s `unknown` stays as it is.

const things = convexTable('things', {
  name: text().notNull(),
  c: custom(v.union(v.null(), v.string())).notNull(),
  j: json<{ a: number } | null>().notNull(),
});

describe('notNull removes null from the column type, as the runtime does', () => {
  it('select model', () => {
    expectTypeOf<InferSelectModel<typeof things>['c']>().toEqualTypeOf<string>();
    expectTypeOf<InferSelectModel<typeof things>['j']>().toEqualTypeOf<{ a: number }>();
  });

  it('insert model', () => {
    expectTypeOf<InferInsertModel<typeof things>['c']>().toEqualTypeOf<string>();
    // @ts-expect-error VALIDATION at run time: "things.c" is notNull
    const row: InferInsertModel<typeof things> = { name: 'a', c: null, j: { a: 1 } };
    expectTypeOf(row).not.toBeAny();
  });
});
