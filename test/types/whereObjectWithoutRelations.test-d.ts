import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { convexTable, count, createOrm, defineRelations, eq, gt, id, integer, text } from 'convex-orm';
import { describe, it } from 'vitest';

// A where-object of a table without relations (a lookup table, an app that defines none) is no
// looser than one with relations: an operator expression (an aggregate's, another table's) is not
// taken for one, so where() of a select, an update or a delete refuses it as a type error.
const users = convexTable('users', { name: text().notNull(), age: integer() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const plain = createOrm({ relations: defineRelations({ users, posts }) });
const related = createOrm({
  relations: defineRelations({ users, posts }, (r) => ({
    users: { posts: r.many.posts() },
    posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
  })),
});
declare const reader: { db: GenericDatabaseReader<any> };
declare const writer: { db: GenericDatabaseWriter<any> };

describe('select where() refuses an aggregate whether or not the table has relations', () => {
  it('with relations: an aggregate in where() is a type error', () => {
    const db = related.db(reader);
    // @ts-expect-error aggregates are not allowed in WHERE
    db.select({ n: count() }).from(users).where(gt(count(), 1));
  });

  it('without relations: where(gt(count(), 1)) is a type error', () => {
    const db = plain.db(reader);
    // @ts-expect-error aggregates are not allowed in WHERE
    db.select({ n: count() }).from(users).where(gt(count(), 1));
  });

  it('without relations: where() over a table not in the select is a type error', () => {
    const db = plain.db(reader);
    // @ts-expect-error posts is not a table of this select
    db.select().from(users).where(eq(posts.title, 'x'));
  });

  it('without relations: update().where() over another table is a type error', () => {
    const db = plain.db(writer);
    // @ts-expect-error an update takes only filters on its own table
    db.update(users).set({ age: 1 }).where(eq(posts.title, 'x'));
  });
});
