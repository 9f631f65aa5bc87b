import type { GenericDatabaseWriter } from 'convex/server';
import type { GenericId } from 'convex/values';
import {
  type AnyTable,
  convexTable,
  createOrm,
  defineRelations,
  eq,
  type InferSelectModel,
  integer,
  text,
  type UpdateSet,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// Valid code that 5e31be2 broke: `update(t).set(fn)` infers the values returned (R) to check their keys,
// and checked them with OnlyKeys (`P extends K ? R[P] : never` per key). In a helper generic over a table
// (`<T extends AnyTable>`) that conditional stays deferred, so no value was assignable to it: every function
// given to set() was a type error there, even one returning UpdateSet<T> or the row itself (each type-checked
// at 1c44cfc). The check is now decided on the keys alone (KnownKeysOnly, src/noInferred.ts), which
// TypeScript decides for a generic table too. Typos are still caught: test/types/callbackReturnedTypos.test-d.ts.

const posts = convexTable('posts', { title: text().notNull(), views: integer().notNull().default(0) });
const relations = defineRelations({ posts });
const orm = createOrm({ relations });
declare const ctx: { db: GenericDatabaseWriter<any> };
const db = orm.db(ctx);

describe('set(fn) in a helper generic over a table', () => {
  it('a function the helper is given', () => {
    function updateWith<T extends AnyTable>(
      table: T,
      id: GenericId<T['_']['name']>,
      fn: (row: InferSelectModel<T>) => UpdateSet<T>,
    ) {
      return db.update(table).set(fn).where(eq(table._id, id));
    }
    expectTypeOf(updateWith(posts, '' as GenericId<'posts'>, (p) => ({ views: p.views + 1 }))).not.toBeAny();
  });

  it('values the helper is given, returned by a function', () => {
    function setLater<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>, values: UpdateSet<T>) {
      return db
        .update(table)
        .set(() => values)
        .where(eq(table._id, id));
    }
    expectTypeOf(setLater).toBeFunction();
  });

  it('nothing, or the row or the values given, by a condition', () => {
    function maybeSet<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>, values: UpdateSet<T> | null) {
      db.update(table)
        .set(() => ({}))
        .where(eq(table._id, id));
      return db
        .update(table)
        .set((row) => values ?? row)
        .where(eq(table._id, id));
    }
    expectTypeOf(maybeSet).toBeFunction();
  });

  it('the row itself, spread', () => {
    function rewrite<T extends AnyTable>(table: T, id: GenericId<T['_']['name']>) {
      return db
        .update(table)
        .set((row) => ({ ...row }))
        .where(eq(table._id, id));
    }
    expectTypeOf(rewrite).toBeFunction();
  });
});
