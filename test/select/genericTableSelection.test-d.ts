// A select whose selection names columns of a table given as a type parameter runs, as in Drizzle
// (a `<T extends PgTable>` helper's `db.select({ id: table.id }).from(table)`): awaited, returned
// from an async helper, executed (docs/select.md: code generic over tables type-checks).
import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import { type AnyTable, convexTable, createOrm, defineRelations, eq, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const things = convexTable('things', { name: text().notNull() });
const orm = createOrm({ relations: defineRelations({ things }) });
declare const ctx: { db: GenericDatabaseWriter<any> };
const db = orm.db(ctx);

describe("a select of a generic table's own columns runs", () => {
  it('awaited, returned from an async helper, executed', async () => {
    async function idsOf<T extends AnyTable>(table: T) {
      return await db.select({ id: table._id, at: table._creationTime }).from(table);
    }
    async function rowIdById<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>) {
      const rows = await db.select({ id: table._id }).from(table).where(eq(table._id, id));
      return rows;
    }
    function executed<T extends AnyTable>(table: T) {
      return db.select({ id: table._id }).from(table).execute();
    }
    expectTypeOf(await idsOf(things)).toEqualTypeOf<{ id: GenericId<'things'>; at: number }[]>();
    expectTypeOf(await rowIdById(things, '' as GenericId<'things'>)).toEqualTypeOf<{ id: GenericId<'things'> }[]>();
    expectTypeOf(executed(things)).resolves.toEqualTypeOf<{ id: GenericId<'things'> }[]>();
  });
});
