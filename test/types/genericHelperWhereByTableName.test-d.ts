// Pins: a regression of 5e31be2 (fixed): a helper generic over a table that takes its where as
// `FilterExpression<T['_']['name']>` (the type MutationWhere gave a statement's own-table
// expression at 1c44cfc) no longer type-checks: MutationWhere now takes
// `FilterExpression<ScopeName<T>>`, a conditional type TypeScript leaves deferred for a generic `T`,
// to which `T['_']['name']` is not assignable. Type-checked at 1c44cfc.
import type { GenericMutationCtx } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  type AnyTable,
  and,
  convexTable,
  createOrm,
  defineRelations,
  eq,
  type FilterExpression,
  integer,
  text,
  type UpdateSet,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const things = convexTable('things', { name: text().notNull(), views: integer() });
const db = createOrm({ relations: defineRelations({ things }) }).db({} as GenericMutationCtx<any>);

// A where built by the caller on the table's own columns, typed by the table's name.
function deleteWhere<T extends AnyTable>(t: T, where: FilterExpression<T['_']['name']>) {
  return db.delete(t).where(where);
}
function updateWhere<T extends AnyTable>(t: T, set: UpdateSet<T>, where: FilterExpression<T['_']['name']>) {
  return db.update(t).set(set).where(where);
}

describe('a generic helper taking a where typed by the table name', () => {
  it('delete(t).where(where) and update(t).set().where(where) type-check', () => {
    expectTypeOf(deleteWhere(things, eq(things.name, 'x'))).not.toBeAny();
    expectTypeOf(updateWhere(things, { views: 1 }, eq(things.name, 'x'))).not.toBeAny();
  });

  it('an expression on t._id in a generic helper still type-checks (what 5e31be2 added)', () => {
    function byId<T extends AnyTable>(t: T, id: GenericId<T['_']['name']>) {
      return db.delete(t).where(and(eq(t._id, id), eq(t._creationTime, 1)));
    }
    expectTypeOf(byId).not.toBeAny();
  });
});
