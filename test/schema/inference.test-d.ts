import type { GenericId } from 'convex/values';
import { v } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import type { Doc } from '../../example/convex/_generated/dataModel';
import { posts, users } from '../../example/convex/schema';
import {
  arrayOf,
  boolean,
  convexTable,
  custom,
  date,
  endsWith,
  eq,
  type InferInsertModel,
  type InferSelectModel,
  id,
  ilike,
  integer,
  json,
  like,
  notIlike,
  notLike,
  objectOf,
  startsWith,
  text,
  textEnum,
  timestamp,
} from '../../src/index';

const items = convexTable('items', {
  name: text().notNull(),
  qty: integer().notNull().default(0),
  kind: text().$type<'a' | 'b'>(),
  note: text().$defaultFn(() => 'n'),
  at: timestamp({ mode: 'string' }).$onUpdate(() => new Date().toISOString()),
  day: date().defaultNow(),
  owner: id('users'),
  tags: arrayOf(text().notNull()).notNull(),
  scores: arrayOf(integer()),
  address: objectOf({ street: text().notNull(), zip: integer() }),
  meta: json<{ flags: string[] }>(),
  point: custom(v.object({ x: v.number() })).notNull(),
  level: textEnum(['low', 'high']).notNull(),
  active: boolean(),
});

describe('select model', () => {
  it('has system fields, every column, and T | null for nullable columns', () => {
    expectTypeOf<InferSelectModel<typeof items>>().toEqualTypeOf<{
      _id: GenericId<'items'>;
      _creationTime: number;
      name: string;
      qty: number;
      kind: 'a' | 'b' | null;
      note: string | null;
      at: string | null;
      day: string | null;
      owner: GenericId<'users'> | null;
      tags: string[];
      scores: (number | null)[] | null;
      address: { street: string; zip?: number | null } | null;
      meta: { flags: string[] } | null;
      point: { x: number };
      level: 'low' | 'high';
      active: boolean | null;
    }>();
    expectTypeOf(items.$inferSelect).toEqualTypeOf<InferSelectModel<typeof items>>();
  });
});

describe('insert model', () => {
  type Insert = InferInsertModel<typeof items>;

  it('requires notNull columns without a default; everything else is optional', () => {
    expectTypeOf<Insert>().toEqualTypeOf<{
      name: string;
      tags: string[];
      point: { x: number };
      level: 'low' | 'high';
      qty?: number;
      kind?: 'a' | 'b' | null;
      note?: string | null;
      at?: string | null;
      day?: string | null;
      owner?: GenericId<'users'> | null;
      scores?: (number | null)[] | null;
      address?: { street: string; zip?: number | null } | null;
      meta?: { flags: string[] } | null;
      active?: boolean | null;
    }>();
    expectTypeOf(items.$inferInsert).toEqualTypeOf<Insert>();
  });

  it('rejects missing required columns, unknown keys and wrong types', () => {
    const ok: Insert = { name: 'a', tags: [], point: { x: 1 }, level: 'low' };
    expectTypeOf(ok).toEqualTypeOf<Insert>();
    // @ts-expect-error name is required
    const missing: Insert = { tags: [], point: { x: 1 }, level: 'low' };
    // @ts-expect-error unknown column
    const unknown: Insert = { ...ok, nope: 1 };
    // @ts-expect-error qty is a number
    const wrongType: Insert = { ...ok, qty: '1' };
    // @ts-expect-error level is an enum
    const wrongEnum: Insert = { ...ok, level: 'mid' };
    // @ts-expect-error owner is an id of users, not a string
    const wrongId: Insert = { ...ok, owner: 'abc' };
    // @ts-expect-error a notNull column cannot be null
    const nullRequired: Insert = { ...ok, name: null };
    void [missing, unknown, wrongType, wrongEnum, wrongId, nullRequired];
  });
});

describe('columns and modifiers', () => {
  it('id() infers Id<table>; system columns are typed', () => {
    expectTypeOf(posts.authorId._.data).toEqualTypeOf<GenericId<'users'>>();
    expectTypeOf(users._id._.data).toEqualTypeOf<GenericId<'users'>>();
    expectTypeOf(users._creationTime._.data).toEqualTypeOf<number>();
  });

  it("timestamp reads as a number or, in 'string' mode, an ISO string; there is no 'date' mode", () => {
    expectTypeOf(timestamp()._.data).toEqualTypeOf<number>();
    expectTypeOf(timestamp({ mode: 'string' })._.data).toEqualTypeOf<string>();
    expectTypeOf(timestamp({ mode: 'string' }).defaultNow()._.hasDefault).toEqualTypeOf<true>();
    // @ts-expect-error a Date is not a Convex value: no 'date' mode
    timestamp({ mode: 'date' });
    // @ts-expect-error a string-mode default is an ISO string, not a Date
    timestamp({ mode: 'string' }).default(new Date());
    // @ts-expect-error a string-mode value is an ISO string, not a number
    const wrong: InferInsertModel<typeof items>['at'] = 5;
    void wrong;
  });

  it('arrayOf / objectOf nest millisecond timestamps, not string-mode ones (INVALID_SCHEMA at run time)', () => {
    expectTypeOf(arrayOf(timestamp().notNull())._.data).toEqualTypeOf<number[]>();
    expectTypeOf(objectOf({ at: timestamp() })._.data).toEqualTypeOf<{ at?: number | null }>();
    // @ts-expect-error a string-mode timestamp cannot be an array element
    arrayOf(timestamp({ mode: 'string' }).notNull());
    // @ts-expect-error a string-mode timestamp cannot be an object field
    objectOf({ from: timestamp(), to: timestamp({ mode: 'string' }) });
  });

  it('arrayOf / objectOf nest columns without defaults (INVALID_SCHEMA at run time)', () => {
    // @ts-expect-error a nested column takes no default
    objectOf({ zip: integer().$defaultFn(() => 7) });
    // @ts-expect-error a nested column takes no default
    arrayOf(timestamp().notNull().defaultNow());
    // @ts-expect-error a nested column takes no $onUpdateFn
    objectOf({ at: timestamp().$onUpdateFn(() => 0) });
    expectTypeOf(objectOf({ zip: integer() }).default({})._.hasDefault).toEqualTypeOf<true>();
  });

  it('defaultNow exists only on timestamp and date columns', () => {
    timestamp().defaultNow();
    date().defaultNow();
    // @ts-expect-error not a timestamp or date column
    text().defaultNow();
    // @ts-expect-error not a timestamp or date column
    integer().defaultNow();
  });

  it('default values and $type are checked against the column type', () => {
    // @ts-expect-error a text default must be a string
    text().default(1);
    // @ts-expect-error $type must narrow the column type
    text().$type<number>();
    textEnum(['a', 'b']).default('a');
    // @ts-expect-error not one of the enum values
    textEnum(['a', 'b']).default('c');
  });

  it('operators check value types against the column', () => {
    eq(users.name, 'Ada');
    // @ts-expect-error name is a string column
    eq(users.name, 1);
    // @ts-expect-error authorId takes an Id<'users'>
    eq(posts.authorId, 'abc');
  });

  it('like and its kin take a column that stores strings, as the run time does', () => {
    like(items.name, 'a%');
    ilike(items.kind, 'a%');
    notLike(items.note, 'n%');
    notIlike(items.level, 'l%');
    startsWith(items.day, '2024-');
    endsWith(items.owner, 'x');
    like(items._id, '%');
    like(users.email, '%@example.com');
    // @ts-expect-error an integer stores no strings
    like(items.qty, '1%');
    // @ts-expect-error nor does a string-mode timestamp (stored as milliseconds)
    ilike(items.at, '2024-%');
    // @ts-expect-error nor a boolean
    notLike(items.active, 't%');
    // @ts-expect-error nor an array of strings
    notIlike(items.tags, 'a%');
    // @ts-expect-error nor an object
    startsWith(items.address, 'a');
    // @ts-expect-error nor a json column typed as an object
    endsWith(items.meta, 'a');
    // @ts-expect-error nor a custom column whose validator holds no strings
    like(items.point, 'a%');
    // @ts-expect-error nor _creationTime
    like(items._creationTime, '1%');
    // @ts-expect-error nor a nullable integer
    like(users.age, '1%');
  });
});

describe('defineSchema feeds Convex codegen', () => {
  it('Doc types store nullable columns as optional T | null and timestamps as numbers', () => {
    expectTypeOf<Doc<'users'>['name']>().toEqualTypeOf<string>();
    expectTypeOf<Doc<'users'>['age']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Doc<'posts'>['authorId']>().toEqualTypeOf<GenericId<'users'>>();
    expectTypeOf<Doc<'posts'>['publishedAt']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Doc<'posts'>['_id']>().toEqualTypeOf<GenericId<'posts'>>();
  });
});

describe('declared indexes are typed for withIndex', () => {
  it('accepts declared index names and fields, rejects unknown ones', () => {
    type DataModel = import('../../example/convex/_generated/dataModel').DataModel;
    const check = (db: import('convex/server').GenericDatabaseReader<DataModel>, author: GenericId<'users'>) => {
      db.query('posts').withIndex('by_author', (q) => q.eq('authorId', author).gt('publishedAt', 0));
      // @ts-expect-error no such index
      db.query('posts').withIndex('by_nothing');
      // @ts-expect-error title is not a field of by_author
      db.query('posts').withIndex('by_author', (q) => q.eq('title', 'x'));
    };
    expectTypeOf(check).toBeFunction();
  });
});
