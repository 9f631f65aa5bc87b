// returning(selection) types its rows by the selection, also where the selection's type is a type
// parameter (a generic helper's, as Drizzle takes it). returning({}) type-checks, as in Drizzle, and
// is refused at run time (INVALID_QUERY before anything is written: test/convex/returningEmptySelection.test.ts):
// a type-level refusal would be a conditional type, which a generic selection never passes.
import { describe, expectTypeOf, it } from 'vitest';
import { convexTable, createOrm, defineRelations, eq, integer, text } from '../../src/index';
import type { ReturningRow, ReturningSelection } from '../../src/mutation/types';

const items = convexTable('items', { name: text().notNull(), n: integer() });
const orm = createOrm({ relations: defineRelations({ items }, () => ({})) });

describe('returning(selection) with a generic selection', () => {
  it('insert', () => {
    function insertReturning<S extends ReturningSelection<typeof items>>(selection: S) {
      return orm
        .db({} as never)
        .insert(items)
        .values({ name: 'x' })
        .returning(selection);
    }
    expectTypeOf(insertReturning({ a: items.name })).resolves.toEqualTypeOf<{ a: string }[]>();
  });
  it('update', () => {
    function updateReturning<S extends ReturningSelection<typeof items>>(selection: S): Promise<ReturningRow<S>[]> {
      return orm
        .db({} as never)
        .update(items)
        .set({ n: 1 })
        .where(eq(items.name, 'x'))
        .returning(selection);
    }
    expectTypeOf(updateReturning({ n: items.n })).resolves.toEqualTypeOf<{ n: number | null }[]>();
  });
  it('delete', () => {
    function deleteReturning<S extends ReturningSelection<typeof items>>(selection: S): Promise<ReturningRow<S>[]> {
      return orm
        .db({} as never)
        .delete(items)
        .where(eq(items.name, 'x'))
        .returning(selection);
    }
    expectTypeOf(deleteReturning({ id: items._id })).resolves.toEqualTypeOf<{ id: typeof items.$inferSelect._id }[]>();
  });
  it('a literal selection', () => {
    const db = orm.db({} as never);
    expectTypeOf(db.insert(items).values({ name: 'a' }).returning({ n: items.name })).resolves.toEqualTypeOf<
      { n: string }[]
    >();
    const other = convexTable('other', { x: text() });
    // @ts-expect-error a column of another table
    db.insert(items).values({ name: 'a' }).returning({ n: other.x });
  });
});
