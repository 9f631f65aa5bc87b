import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  type AnyTable,
  convexTable,
  createOrm,
  defineRelations,
  eq,
  getTableColumns,
  type InferSelectModel,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// A helper generic over a table (`<T extends AnyTable>(t: T) => ...`) could not name the table's `_id`
// or `_creationTime`: `AnyTable` had only `_` and the table symbol, and `getTableColumns(t)` mapped T's
// keys, which for a type parameter are AnyTable's. Every table has both system columns at run time, so
// "delete / update / read a row of any table by id" needed casts.

const things = convexTable('things', { name: text().notNull() });
const relations = defineRelations({ things });
const orm = createOrm({ relations });
declare const ctx: { db: GenericDatabaseWriter<any> };
const db = orm.db(ctx);
type Thing = InferSelectModel<typeof things>;

describe('a helper generic over a table names its system columns', () => {
  it('t._id', async () => {
    async function removeById<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>) {
      return db.delete(table).where(eq(table._id, id)).returning();
    }
    async function touch<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>) {
      return db.update(table).set({}).where(eq(table._id, id));
    }
    expectTypeOf(await removeById(things, '' as GenericId<'things'>)).toEqualTypeOf<Thing[]>();
    expectTypeOf(touch).toBeFunction();
  });

  it('getTableColumns(t)._id and _creationTime', () => {
    function systemColumns<T extends AnyTable>(table: T) {
      const columns = getTableColumns(table);
      return [columns._id, columns._creationTime] as const;
    }
    expectTypeOf(systemColumns(things)[0]).toEqualTypeOf(things._id);
  });
});
