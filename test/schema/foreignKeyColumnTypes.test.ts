import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  type AnyColumn,
  convexTable,
  custom,
  defineSchema,
  foreignKey,
  id,
  integer,
  json,
  text,
  unique,
} from '../../src/index';
import { schemaError } from './schemaError';

// Postgres refuses a foreign key whose columns cannot hold the referenced key's values (42804,
// "foreign key constraint ... cannot be implemented: Key columns ... are of incompatible types").
// docs/schema.md refuses, when the schema is defined, "a foreign-key action that could only fail";
// a reference whose every non-null value is a FOREIGN_KEY_VIOLATION (a number can never equal an
// id or a string) is that too: it should be INVALID_SCHEMA naming the foreign key, not accepted.

describe('a foreign key between columns of incompatible types', () => {
  it('integer() referencing a table _id is INVALID_SCHEMA', () => {
    const users = convexTable('users', { name: text() });
    const posts = convexTable('posts', { authorId: integer().references((): AnyColumn => users._id) });
    // Today: defineSchema accepts it; every insert with an authorId is FOREIGN_KEY_VIOLATION.
    expect(schemaError(() => defineSchema({ users, posts }))).toMatchObject({
      code: 'INVALID_SCHEMA',
      table: 'posts',
      message: expect.stringContaining('column "posts.authorId" can never hold a value of "users._id"'),
    });
  });

  it('a column that can hold a matching value is accepted (a custom union with a string member)', () => {
    const users = convexTable('users', { name: text() });
    const posts = convexTable('posts', {
      authorId: custom(v.union(v.number(), v.string())).references((): AnyColumn => users._id),
      editorId: json().references((): AnyColumn => users._id),
    });
    expect(() => defineSchema({ users, posts })).not.toThrow();
  });

  it('integer() columns referencing a unique constraint over text() columns is INVALID_SCHEMA', () => {
    const skus = convexTable('skus', { vendor: text().notNull(), code: text().notNull() }, (t) => [
      unique().on(t.vendor, t.code),
    ]);
    const lines = convexTable('lines', { vendorNo: integer(), codeNo: integer() }, (t) => [
      foreignKey({ columns: [t.vendorNo, t.codeNo], foreignColumns: [skus.vendor, skus.code] }),
    ]);
    expect(schemaError(() => defineSchema({ skus, lines }))).toMatchObject({
      code: 'INVALID_SCHEMA',
      table: 'lines',
      message: expect.stringContaining('"lines"(vendorNo, codeNo) references "skus"(vendor, code)'),
    });
  });

  it("an id('users') column referencing a unique id('groups') column is INVALID_SCHEMA (ids of two tables never equal)", () => {
    const users = convexTable('users', { name: text() });
    const groups = convexTable('groups', { name: text() });
    const leads = convexTable('leads', { groupId: id('groups').notNull().unique() });
    const notes = convexTable('notes', { leadId: id('users').references((): AnyColumn => leads.groupId) });
    expect(schemaError(() => defineSchema({ users, groups, leads, notes }))).toMatchObject({
      code: 'INVALID_SCHEMA',
      table: 'notes',
      message: expect.stringContaining('column "notes.leadId" can never hold a value of "leads.groupId"'),
    });
  });
});
