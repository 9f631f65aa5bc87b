// The Convex document type of a json column whose type is no Convex Value is rebuilt item by item
// (StoredValue, src/schema/inference.ts): a tuple stays a tuple (`json<readonly [string, number]>()`
// is stored as `[string, number]`, `[Point, number]` as `[{ x; y }, number]`), mutable so that it is
// a Value, and a document read by `ctx.db.get` gives the app its own tuple type.
import type { DataModelFromSchemaDefinition, GenericDataModel, GenericQueryCtx } from 'convex/server';
import type { GenericId } from 'convex/values';
import { convexTable, defineSchema, json } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

interface Point {
  x: number;
  y: number;
}
type Pair = readonly [string, number];

const shapes = convexTable('shapes', {
  pair: json<Pair>().notNull(),
  anchor: json<[Point, number]>().notNull(),
});
const schema = defineSchema({ shapes });
type DataModel = DataModelFromSchemaDefinition<typeof schema>;
type Doc = DataModel['shapes']['document'];

describe('a json column typed as a tuple keeps its tuple shape in the Convex document type', () => {
  it('the DataModel is still a GenericDataModel', () => {
    expectTypeOf<DataModel>().toExtend<GenericDataModel>();
  });

  it('readonly [string, number]', () => {
    expectTypeOf<Doc['pair']>().toEqualTypeOf<[string, number]>();
  });

  it('[Point, number] (an interface inside a tuple)', () => {
    expectTypeOf<Doc['anchor']>().toEqualTypeOf<[{ x: number; y: number }, number]>();
  });

  it('a document read by ctx.db.get gives the app its tuple type', async () => {
    const ctx = {} as GenericQueryCtx<DataModel>;
    const doc = await ctx.db.get('' as GenericId<'shapes'>);
    if (doc) {
      const pair: Pair = doc.pair;
      const anchor: [Point, number] = doc.anchor;
      expectTypeOf(pair).not.toBeAny();
      expectTypeOf(anchor).not.toBeAny();
    }
  });
});
