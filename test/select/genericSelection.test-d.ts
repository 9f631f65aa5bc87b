// A selection typed by a type parameter is accepted, as in Drizzle (`<T extends SelectedFields>(fields:
// T) => db.select(fields).from(t)`): a helper generic over its selection, or selecting a generic
// table's columns (`getTableColumns(table)`). `select({})` stays a type error (nothing runs it), and
// a selection typed `any` is checked at run time only, as any other value.
import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  type AnyTable,
  convexTable,
  createOrm,
  defineRelations,
  getTableColumns,
  type SelectFields,
  text,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const things = convexTable('things', { name: text().notNull() });
const orm = createOrm({ relations: defineRelations({ things }) });
declare const ctx: { db: GenericDatabaseWriter<any> };
const db = orm.db(ctx);

describe('a generic selection is accepted', () => {
  it('a helper generic over its selection', () => {
    function fromThings<S extends SelectFields>(fields: S) {
      return db.select(fields).from(things);
    }
    function distinctFromThings<S extends SelectFields>(fields: S) {
      return db.selectDistinct(fields).from(things);
    }
    expectTypeOf(fromThings({ id: things._id, name: things.name })).resolves.toEqualTypeOf<
      { id: GenericId<'things'>; name: string }[]
    >();
    expectTypeOf(distinctFromThings({ name: things.name })).resolves.toEqualTypeOf<{ name: string }[]>();
  });

  it("a helper selecting a generic table's columns", () => {
    function allColumns<T extends AnyTable>(table: T) {
      return db.select(getTableColumns(table)).from(table);
    }
    expectTypeOf(allColumns).toBeFunction();
  });

  it('select({}) stays a type error; a selection typed any does not', () => {
    // @ts-expect-error an empty selection
    db.select({}).from(things);
    // @ts-expect-error an empty selection
    db.selectDistinct({}).from(things);
    const untyped: any = { name: things.name };
    expectTypeOf(db.select(untyped).from(things)).resolves.toBeArray();
  });
});
