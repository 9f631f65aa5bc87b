import { desc, EmptyFilter, isOrmError } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts } from '../../example/convex/schema';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;

async function withDb<T>(body: (db: Db, ids: Awaited<ReturnType<typeof seeded>>['ids']) => Promise<T>): Promise<T> {
  const { t, ids } = await seeded();
  return t.run((ctx) => body(orm.db(ctx), ids));
}

const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name);

describe('findMany: rows, columns, extras', () => {
  it('reads absent nullable columns as null; set values as stored', () =>
    withDb(async (db) => {
      const rows = await db.query.users.findMany({ columns: { name: true, age: true, invitedBy: true } });
      expect(rows.map((row) => [row.name, row.age])).toEqual([
        ['Ada', 36],
        ['Bob', 25],
        ['Cy', null],
        ['Di', null],
        ['Eve', 41],
      ]);
      expect(rows[4]!.invitedBy).toBeNull();
      const [full] = await db.query.users.findMany({ where: { name: 'Cy' } });
      expect(full).toMatchObject({ name: 'Cy', age: null, role: 'member' });
      expect(Object.keys(full!)).toContain('_creationTime');
    }));

  it('columns: true-mode in config order, false-mode all but the false ones', () =>
    withDb(async (db) => {
      const [trueMode] = await db.query.users.findMany({ columns: { role: true, name: true, age: false }, limit: 1 });
      expect(Object.keys(trueMode!)).toEqual(['role', 'name']);
      const [falseMode] = await db.query.users.findMany({ columns: { email: false, _creationTime: false }, limit: 1 });
      expect(Object.keys(falseMode!).sort()).toEqual(['_id', 'age', 'invitedBy', 'name', 'role', 'verified']);
    }));

  it('columns: any truthy value includes the column and any falsy one excludes it, as in Drizzle', () =>
    withDb(async (db) => {
      const [truthy] = await db.query.posts.findMany({ columns: { title: 'yes', authorId: 0 } as never, limit: 1 });
      expect(Object.keys(truthy!)).toEqual(['title']);
      const [falsy] = await db.query.users.findMany({
        columns: { email: 0, _creationTime: null, name: '' } as never,
        limit: 1,
      });
      expect(Object.keys(falsy!).sort()).toEqual(['_id', 'age', 'invitedBy', 'role', 'verified']);
    }));

  it('extras are functions of the full row, placed after the columns', () =>
    withDb(async (db) => {
      const rows = await db.query.users.findMany({
        columns: { name: true },
        extras: { initial: (row) => row.name[0], adult: (row) => (row.age === null ? null : row.age >= 30) },
        limit: 3,
      });
      expect(rows).toEqual([
        { name: 'Ada', initial: 'A', adult: true },
        { name: 'Bob', initial: 'B', adult: false },
        { name: 'Cy', initial: 'C', adult: null },
      ]);
      expect(Object.keys(rows[0]!)).toEqual(['name', 'initial', 'adult']);
    }));

  it('no selected fields throws with the relation path (a type error too)', () =>
    withDb(async (db) => {
      // @ts-expect-error columns: {} alone selects nothing
      await expect(db.query.users.findMany({ columns: {} })).rejects.toThrow('No fields selected for table "users"');
      await expect(
        // @ts-expect-error columns: {} alone selects nothing
        db.query.users.findMany({ columns: { name: true }, with: { posts: { with: { comments: { columns: {} } } } } }),
      ).rejects.toThrow('No fields selected for table "comments" ("posts.comments")');
      await expect(db.query.users.findMany({ columns: {}, with: { invitee: true }, limit: 1 })).resolves.toHaveLength(
        1,
      );
    }));
});

describe('where grammar and SQL null semantics', () => {
  it('shorthand, operators, OR / AND / NOT at table and field level', () =>
    withDb(async (db) => {
      expect(names(await db.query.users.findMany({ where: { age: { gt: 30 } } }))).toEqual(['Ada', 'Eve']);
      expect(names(await db.query.users.findMany({ where: { age: { OR: [25, { gte: 40 }] } } }))).toEqual([
        'Bob',
        'Eve',
      ]);
      expect(
        names(
          await db.query.users.findMany({
            where: { OR: [{ name: 'Cy' }, { AND: [{ age: { lt: 30 } }, { verified: true }] }] },
          }),
        ),
      ).toEqual(['Bob', 'Cy']);
      expect(names(await db.query.users.findMany({ where: { name: { like: '_e' } } }))).toEqual([]);
      expect(names(await db.query.users.findMany({ where: { name: { ilike: '%E' } } }))).toEqual(['Eve']);
      expect(
        names(await db.query.users.findMany({ where: { name: { notIn: ['Ada', 'Bob'] }, age: { isNotNull: true } } })),
      ).toEqual(['Eve']);
    }));

  it('comparisons never match null or absent; NOT of UNKNOWN stays UNKNOWN', () =>
    withDb(async (db) => {
      expect(names(await db.query.users.findMany({ where: { age: { ne: 25 } } }))).toEqual(['Ada', 'Eve']);
      expect(names(await db.query.users.findMany({ where: { NOT: { age: { gt: 30 } } } }))).toEqual(['Bob']);
      expect(
        names(await db.query.users.findMany({ where: { NOT: { OR: [{ age: { gt: 30 } }, { verified: true }] } } })),
      ).toEqual([]);
      expect(names(await db.query.users.findMany({ where: { age: { isNull: true } } }))).toEqual(['Cy', 'Di']);
      expect(names(await db.query.users.findMany({ where: { age: { isNull: false as never } } }))).toHaveLength(5);
    }));

  it('EmptyFilter skips; undefined, empty OR/AND and unknown keys throw', () =>
    withDb(async (db) => {
      expect(names(await db.query.users.findMany({ where: { name: EmptyFilter, age: 25 } }))).toEqual(['Bob']);
      expect(await db.query.users.findMany({ where: EmptyFilter })).toHaveLength(5);
      await expect(db.query.users.findMany({ where: undefined })).rejects.toThrow(
        "Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.",
      );
      await expect(db.query.users.findMany({ where: { age: { gt: undefined } } })).rejects.toMatchObject({
        code: 'INVALID_FILTER',
      });
      await expect(db.query.users.findMany({ where: { OR: [] } })).rejects.toThrow(
        "Unexpected empty array in filters' 'OR' section. Omit field or use 'EmptyFilter' if you want filter to be skipped.",
      );
      await expect(db.query.users.findMany({ where: { nope: 1 } as never })).rejects.toMatchObject({
        code: 'UNKNOWN_COLUMN',
        message: 'Unknown relational filter field: "nope" (table "users" has no such column or relation).',
      });
    }));

  it('names of Object.prototype members are unknown fields, not columns (where, orderBy, with)', () =>
    withDb(async (db) => {
      for (const field of ['constructor', 'toString', 'hasOwnProperty']) {
        await expect(db.query.users.findMany({ where: { [field]: 'x' } as never })).rejects.toMatchObject({
          code: 'UNKNOWN_COLUMN',
          message: `Unknown relational filter field: "${field}" (table "users" has no such column or relation).`,
        });
        await expect(db.query.users.findMany({ orderBy: { [field]: 'asc' } as never })).rejects.toMatchObject({
          code: 'UNKNOWN_COLUMN',
          message: `Unknown relational order field: "${field}"`,
        });
        await expect(db.query.users.findMany({ with: { [field]: true } as never })).rejects.toMatchObject({
          code: 'UNKNOWN_RELATION',
        });
      }
    }));

  it('invalid or foreign ids in filters match nothing instead of throwing', () =>
    withDb(async (db, ids) => {
      expect(await db.query.posts.findMany({ where: { _id: 'garbage' as never } })).toEqual([]);
      expect(await db.query.posts.findMany({ where: { _id: ids.users.ada as never } })).toEqual([]);
      expect(await db.query.posts.findMany({ where: { authorId: 'garbage' as never } })).toEqual([]);
      expect(await db.query.posts.findFirst({ where: { _id: ids.posts.draft } })).toMatchObject({ title: 'Draft' });
    }));
});

describe('orderBy, limit, offset, findFirst', () => {
  it('object and callback orderBy; nulls and absent sort first ascending (Convex order)', () =>
    withDb(async (db) => {
      expect(names(await db.query.users.findMany({ orderBy: { age: 'asc' } }))).toEqual([
        'Cy',
        'Di',
        'Bob',
        'Ada',
        'Eve',
      ]);
      expect(names(await db.query.users.findMany({ orderBy: (u, { desc }) => [desc(u.role), u.name] }))).toEqual([
        'Bob',
        'Cy',
        'Di',
        'Eve',
        'Ada',
      ]);
      expect(names(await db.query.users.findMany({ orderBy: { name: 'desc' }, limit: 2, offset: 1 }))).toEqual([
        'Di',
        'Cy',
      ]);
      expect(
        names(await db.query.users.findMany({ orderBy: { name: undefined, _creationTime: 'desc' }, offset: 3 })),
      ).toEqual(['Bob', 'Ada']);
    }));

  it('rejects unknown order fields and directions with Drizzle texts', () =>
    withDb(async (db) => {
      await expect(db.query.users.findMany({ orderBy: { nope: 'asc' } as never })).rejects.toThrow(
        'Unknown relational order field: "nope"',
      );
      await expect(db.query.users.findMany({ orderBy: { name: 'up' } as never })).rejects.toThrow(
        'Invalid order "name": unknown direction "up" in "up", expected "asc" or "desc"',
      );
      await expect(db.query.users.findMany({ orderBy: { name: 'asc(max)' } as never })).rejects.toThrow(
        'Invalid order "name": expected "asc" or "desc", got "asc(max)"',
      );
    }));

  it('an orderBy callback ordering by a column of another table throws instead of ignoring it', () =>
    withDb(async (db) => {
      await expect(db.query.users.findMany({ orderBy: (() => [desc(posts.title)]) as never })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
        message: 'orderBy callback on "users" ordered by "posts.title", a column of another table.',
      });
      await expect(db.query.users.findMany({ orderBy: (() => posts.title) as never })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
    }));

  it('findFirst returns the first row or null; findFirstOrThrow throws NOT_FOUND', () =>
    withDb(async (db) => {
      expect(await db.query.users.findFirst({ orderBy: { name: 'desc' }, columns: { name: true } })).toEqual({
        name: 'Eve',
      });
      expect(await db.query.users.findFirst({ where: { name: 'Zed' } })).toBeNull();
      expect(await db.query.users.findFirst({ offset: 4, columns: { name: true } })).toEqual({ name: 'Eve' });
      const error = await db.query.users.findFirstOrThrow({ where: { name: 'Zed' } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isOrmError(error, 'NOT_FOUND')).toBe(true);
      expect((error as Error).message).toBe('No "users" row matches the query.');
    }));

  it('rejects unknown options and bad limits at runtime too', () =>
    withDb(async (db) => {
      await expect(db.query.users.findFirst({ limit: 2 } as never)).rejects.toThrow(
        'Unknown query option "limit" for first on "users".',
      );
      // A relation's option names the relation's path and what it loads, not the target table as if the relation were its.
      await expect(
        db.query.posts.findMany({
          with: { author: { limit: 1 } as never, comments: { with: { post: { offset: 1 } as never } } },
        }),
      ).rejects.toThrow('Unknown query option "limit" for relation "author" (it loads one row of "users").');
      await expect(
        db.query.posts.findMany({ with: { comments: { with: { post: { limit: 1 } as never } } } }),
      ).rejects.toThrow('Unknown query option "limit" for relation "comments.post" (it loads one row of "posts").');
      await expect(db.query.users.findMany({ with: { posts: { search: 'x' } as never } })).rejects.toThrow(
        'Unknown query option "search" for relation "posts" (it loads rows of "posts").',
      );
      await expect(db.query.users.findMany({ limit: -1 })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      await expect(db.query.users.findMany({ limit: 0 })).resolves.toEqual([]);
    }));
});
