// A `json()` column is stored with `v.any()`, and its type `T` need not be a Convex `Value`
// (`unknown`, the default; `Record<string, unknown>`; an interface, which has no index signature).
// The Convex document type of such a column was `T` itself, so `DataModelFromSchemaDefinition<typeof
// schema>` (the app's `DataModel`) was no `GenericDataModel`, and every user-code
// `GenericQueryCtx<DataModel>`, convex-helpers' `new Triggers<DataModel>()` and `customQuery` failed
// (TS2344/TS2345). The stored type (StoredData, src/schema/inference.ts) is now `T` where it is a
// `Value`, `any` for `unknown` (what `v.any()` gives) and other types field by field, nested in
// `objectOf` / `arrayOf` too; rows and inserts keep `T`.
import type { DataModelFromSchemaDefinition, GenericDataModel } from 'convex/server';
import { v } from 'convex/values';
import { arrayOf, convexTable, custom, defineSchema, json, objectOf, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

interface Meta {
  tags: string[];
  note?: string;
}
interface Tree {
  name: string;
  children: Tree[];
}

describe('DataModelFromSchemaDefinition of a schema with a json column is a GenericDataModel', () => {
  it('json()', () => {
    const schema = defineSchema({ events: convexTable('events', { kind: text().notNull(), payload: json() }) });
    expectTypeOf<DataModelFromSchemaDefinition<typeof schema>>().toExtend<GenericDataModel>();
  });

  it('json<Record<string, unknown>>()', () => {
    const schema = defineSchema({
      events: convexTable('events', { kind: text().notNull(), payload: json<Record<string, unknown>>() }),
    });
    expectTypeOf<DataModelFromSchemaDefinition<typeof schema>>().toExtend<GenericDataModel>();
  });

  it('json<Meta>() with an interface', () => {
    const schema = defineSchema({ events: convexTable('events', { kind: text().notNull(), meta: json<Meta>() }) });
    expectTypeOf<DataModelFromSchemaDefinition<typeof schema>>().toExtend<GenericDataModel>();
  });

  it('json<{ tags: string[] }>()', () => {
    const schema = defineSchema({
      events: convexTable('events', { kind: text().notNull(), meta: json<{ tags: string[] }>() }),
    });
    expectTypeOf<DataModelFromSchemaDefinition<typeof schema>>().toExtend<GenericDataModel>();
  });

  it('json columns nested in objectOf / arrayOf, a recursive interface, custom(v.any()).$type<...>()', () => {
    const schema = defineSchema({
      events: convexTable('events', {
        nested: objectOf({ raw: json(), meta: json<Meta>(), trees: arrayOf(json<Tree>().notNull()) }),
        list: arrayOf(json<Record<string, unknown>>()),
        tree: json<Tree>(),
        typed: custom(v.any()).$type<Record<string, unknown>>(),
      }),
    });
    expectTypeOf<DataModelFromSchemaDefinition<typeof schema>>().toExtend<GenericDataModel>();
  });
});

describe('the stored type of a json column', () => {
  const events = convexTable('events', {
    raw: json().notNull(),
    payload: json<Record<string, unknown>>().notNull(),
    meta: json<Meta>().notNull(),
    tags: json<{ tags: string[] }>(),
    nested: objectOf({ raw: json(), kind: text().notNull() }).notNull(),
  });
  const schema = defineSchema({ events });
  type Doc = DataModelFromSchemaDefinition<typeof schema>['events']['document'];

  it('is any for unknown, as v.any() gives Convex', () => {
    expectTypeOf<Doc['raw']>().toBeAny();
    expectTypeOf<Doc['nested']['raw']>().toBeAny();
  });

  it('keeps the type where it is a Value, and the fields of an interface or an index signature', () => {
    expectTypeOf<Doc['tags']>().toEqualTypeOf<{ tags: string[] } | null | undefined>();
    expectTypeOf<Doc['meta']>().toEqualTypeOf<{ tags: string[]; note?: string }>();
    expectTypeOf<Doc['payload']>().toEqualTypeOf<{ [x: string]: any }>();
    expectTypeOf<Doc['nested']['kind']>().toEqualTypeOf<string>();
  });

  it('rows and inserts keep T', () => {
    expectTypeOf<(typeof events.$inferSelect)['raw']>().toEqualTypeOf<unknown>();
    expectTypeOf<(typeof events.$inferSelect)['meta']>().toEqualTypeOf<Meta>();
    expectTypeOf<(typeof events.$inferInsert)['payload']>().toEqualTypeOf<Record<string, unknown>>();
  });
});
