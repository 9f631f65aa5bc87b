// An alias infers its table's row types, as Drizzle's does: `$inferSelect` and `$inferInsert`.
import { alias, type InferInsertModel, type InferSelectModel } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { users } from '../../example/convex/schema';

const inviter = alias(users, 'inviter');

describe('an alias infers its table row types, as in Drizzle', () => {
  it('$inferSelect and $inferInsert', () => {
    expectTypeOf<typeof inviter.$inferSelect>().toEqualTypeOf<InferSelectModel<typeof users>>();
    expectTypeOf<typeof inviter.$inferInsert>().toEqualTypeOf<InferInsertModel<typeof users>>();
  });
});
