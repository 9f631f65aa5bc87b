import { type GenericId, v } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import { convexTable, custom, type InferInsertModel, type InferSelectModel, id, integer, text } from '../../src/index';

// Drizzle: a primary key with a default is optional on insert, whichever order the modifiers come in.
const a = convexTable('a', {
  key: text()
    .primaryKey()
    .$defaultFn(() => 'k'),
});
const b = convexTable('b', {
  key: text()
    .$defaultFn(() => 'k')
    .primaryKey(),
  n: integer(),
});
const c = convexTable('c', { key: custom(v.union(v.null(), v.string())).primaryKey() });
const d = convexTable('d', { userId: id('users').primaryKey() });

describe('column .primaryKey() inference', () => {
  it('is optional on insert with a default, never null on read, required otherwise', () => {
    expectTypeOf<InferInsertModel<typeof a>>().toEqualTypeOf<{ key?: string }>();
    expectTypeOf<InferInsertModel<typeof b>>().toEqualTypeOf<{ key?: string; n?: number | null }>();
    expectTypeOf<InferSelectModel<typeof c>['key']>().toEqualTypeOf<string>();
    expectTypeOf<InferInsertModel<typeof c>>().toEqualTypeOf<{ key: string }>();
    expectTypeOf<InferInsertModel<typeof d>>().toEqualTypeOf<{ userId: GenericId<'users'> }>();
  });
});
