// Placeholder is nominal (as Drizzle's is branded): the operators, `limit` / `offset` and a select's
// where-object take `... | Placeholder`, so a structural Placeholder (a class with `name` and
// `toString()`) would let any object with a string `name` through (a whole row where an id belongs,
// another column, `{ name: 'x' }`). Each line below stays a type error, as in Drizzle.
import type { GenericDatabaseReader } from 'convex/server';
import { describe, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { between, eq, gt, inArray, like, notInArray, startsWith } from '../../src/index';

declare const ada: typeof users.$inferSelect;
declare const ctx: { db: GenericDatabaseReader<any> };

describe('an object with a name is not a placeholder', () => {
  it('operators refuse a value of the wrong type that merely has a string `name`', () => {
    // @ts-expect-error a whole users row where posts.authorId (an id) belongs
    eq(posts.authorId, ada);
    // @ts-expect-error an object for an integer column
    gt(users.age, { name: 'x' });
    // @ts-expect-error a column is not a pattern (comparisons take columns; like does not)
    like(users.name, posts.title);
    // @ts-expect-error a row is not a prefix
    startsWith(users.name, ada);
    // @ts-expect-error a row in a list of emails
    inArray(users.email, [ada]);
    // @ts-expect-error a row for the whole list
    notInArray(users.email, ada);
    // @ts-expect-error a row as a bound
    between(users.age, ada, 5);
  });

  it('limit / offset and a select’s where-object refuse them too', () => {
    // @ts-expect-error a column is not a limit
    orm.select().from(users).limit(users.age);
    // @ts-expect-error an object is not an offset
    orm.select().from(users).offset({ name: 'ten' });
    // @ts-expect-error a whole row where an id belongs (findMany's and update's where-objects refuse it)
    orm.db(ctx).select().from(posts).where({ authorId: ada });
  });
});
