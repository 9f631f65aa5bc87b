/**
 * Drizzle v1's relational-query type assertions, ported: every
 * `expectTypeOf(...).toEqualTypeOf<...>()` of drizzle-orm's
 * integration-tests/tests/pg/pg.test.ts (branch beta = v1.0.0-rc.4, the
 * newest tagged source; rc.5 is what is installed) whose query convex-orm
 * supports, on the same schema translated to Convex (./rqb.schema.ts). Each
 * test names its source line and test. Only the query and its type assertion
 * are ported (this file is type-checked, not run); the rows Drizzle inserts
 * first are left out. Translation: `id: number` is `_id: GenericId<table>`
 * plus `_creationTime: number`; integer foreign keys are ids; integer id
 * literals in filters are ids (`ID`); timestamps read milliseconds, not `Date`
 * (a `Date` is not a Convex value); `sql<string>\`lower(${x})\`` extras are
 * `x.toLowerCase()` (extras are functions of the row); `findFirst` resolves
 * to `| null` instead of `| undefined` (docs/divergences.md); a query Drizzle
 * runs in a transaction runs in `db.transaction((tx) => tx.query...)`.
 * A prepared query is `orm.query.<table>.findMany(...).prepare(name)` (the
 * ORM's module-scope builder) and `execute(ctx, values)`.
 * Skipped tests and why: ./README.md.
 */
import type { GenericId } from 'convex/values';
import { convexTable, createOrm, defineRelations, id, sql, text, timestamp } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../../example/convex/_generated/server';
import { relations } from './rqb.schema';

const orm = createOrm({ relations });
const ctx = {} as MutationCtx;
const db = orm.db(ctx);
declare const ID: {
  users: GenericId<'users'>;
  posts: GenericId<'posts'>;
  groups: GenericId<'groups'>;
  users_to_groups: GenericId<'users_to_groups'>;
  comments: GenericId<'comments'>;
  comment_likes: GenericId<'comment_likes'>;
  user_sessions: GenericId<'user_sessions'>;
};

describe('Drizzle v1 relational queries (pg.test.ts), types', () => {
  // pg.test.ts:220 '[Find Many] Get users with posts'
  it('[Find Many] Get users with posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: true,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:284 '[Find Many] Get users with posts limit posts'
  it('[Find Many] Get users with posts limit posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:357 '[Find Many] Get users with posts limit posts and users'
  it('[Find Many] Get users with posts limit posts and users', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      limit: 2,
      with: {
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:422 '[Find Many] Get users with posts custom fields'
  it('[Find Many] Get users with posts custom fields', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: true,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        lowerName: string;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:515 '[Find Many] Get users with posts custom fields limits'
  it('[Find Many] Get users with posts custom fields limits', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      limit: 1,
      with: {
        posts: {
          limit: 1,
        },
      },
      extras: {
        lowerName: (usersTable) => usersTable.name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        lowerName: string;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:573 '[Find Many] Get users with posts orderBy'
  it('[Find Many] Get users with posts orderBy', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: {
          orderBy: {
            content: 'desc',
          },
        },
      },
      orderBy: {
        _id: 'desc',
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:661 '[Find Many] Get users with posts where'
  it('[Find Many] Get users with posts where', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      where: {
        _id: ID.users,
      },
      with: {
        posts: {
          where: {
            _id: ID.posts,
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:715 '[Find Many] Get users with posts where partial'
  it('[Find Many] Get users with posts where partial', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: true,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:771 '[Find Many] Get users with posts where partial. Did not select posts id, but used it in where'
  it('[Find Many] Get users with posts where partial. Did not select posts id, but used it in where', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: true,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:827 '[Find Many] Get users with posts where partial(true false)'
  it('[Find Many] Get users with posts where partial(true false)', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {
        _id: true,
        _creationTime: true,
        name: false,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: false,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:880 '[Find Many] Get users with posts where partial(false)'
  it('[Find Many] Get users with posts where partial(false)', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {
        name: false,
      },
      with: {
        posts: {
          columns: {
            content: false,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:937 '[Find Many] Get users with posts in transaction'
  it('[Find Many] Get users with posts in transaction', async () => {
    const usersWithPosts = await db.transaction(async (tx) =>
      tx.query.usersTable.findMany({
        where: {
          _id: ID.users,
        },
        with: {
          posts: {
            where: {
              _id: ID.posts,
            },
          },
        },
      }),
    );
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1006 '[Find Many] Get users with posts in rollbacked transaction'
  it('[Find Many] Get users with posts in rollbacked transaction', async () => {
    const usersWithPosts = await db.transaction(async (tx) =>
      tx.query.usersTable.findMany({
        where: {
          _id: ID.users,
        },
        with: {
          posts: {
            where: {
              _id: ID.posts,
            },
          },
        },
      }),
    );
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1068 '[Find Many] Get only custom fields'
  it('[Find Many] Get only custom fields', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {},
      with: {
        posts: {
          columns: {},
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        lowerName: string;
        posts: {
          lowerName: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1134 '[Find Many] Get only custom fields where'
  it('[Find Many] Get only custom fields where', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        lowerName: string;
        posts: {
          lowerName: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1190 '[Find Many] Get only custom fields where limit'
  it('[Find Many] Get only custom fields where limit', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          limit: 1,
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        lowerName: string;
        posts: {
          lowerName: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1247 '[Find Many] Get only custom fields where orderBy'
  it('[Find Many] Get only custom fields where orderBy', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          orderBy: {
            _id: 'desc',
          },
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        lowerName: string;
        posts: {
          lowerName: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1306 '[Find One] Get only custom fields'
  it('[Find One] Get only custom fields', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {},
      with: {
        posts: {
          columns: {},
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      lowerName: string;
      posts: {
        lowerName: string;
      }[];
    } | null>();
  });

  // pg.test.ts:1359 '[Find One] Get only custom fields where'
  it('[Find One] Get only custom fields where', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          extras: {
            contentLower: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      lowerName: string;
      posts: {
        contentLower: string;
      }[];
    } | null>();
  });

  // pg.test.ts:1416 '[Find One] Get only custom fields where limit'
  it('[Find One] Get only custom fields where limit', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          limit: 1,
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      lowerName: string;
      posts: {
        lowerName: string;
      }[];
    } | null>();
  });

  // pg.test.ts:1474 '[Find One] Get only custom fields where orderBy'
  it('[Find One] Get only custom fields where orderBy', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {},
      with: {
        posts: {
          columns: {},
          where: {
            _id: { gte: ID.posts },
          },
          orderBy: {
            _id: 'desc',
          },
          extras: {
            lowerName: ({ content }) => content.toLowerCase(),
          },
        },
      },
      where: {
        _id: ID.users,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      lowerName: string;
      posts: {
        lowerName: string;
      }[];
    } | null>();
  });

  // pg.test.ts:1878 '[Find One] Get users with posts'
  it('[Find One] Get users with posts', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: true,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:1925 '[Find One] Get users with posts limit posts'
  it('[Find One] Get users with posts limit posts', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:1978 '[Find One] Get users with posts no results found'
  it('[Find One] Get users with posts no results found', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2007 '[Find One] Get users with posts limit posts and users'
  it('[Find One] Get users with posts limit posts and users', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2060 '[Find One] Get users with posts custom fields'
  it('[Find One] Get users with posts custom fields', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: true,
      },
      extras: {
        lowerName: ({ name }) => name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      lowerName: string;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2121 '[Find One] Get users with posts custom fields limits'
  it('[Find One] Get users with posts custom fields limits', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: {
          limit: 1,
        },
      },
      extras: {
        lowerName: (usersTable) => usersTable.name.toLowerCase(),
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      lowerName: string;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2179 '[Find One] Get users with posts orderBy'
  it('[Find One] Get users with posts orderBy', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      with: {
        posts: {
          orderBy: {
            content: 'desc',
          },
        },
      },
      orderBy: {
        _id: 'desc',
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2242 '[Find One] Get users with posts where'
  it('[Find One] Get users with posts where', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      where: {
        _id: ID.users,
      },
      with: {
        posts: {
          where: {
            _id: ID.posts,
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2297 '[Find One] Get users with posts where partial'
  it('[Find One] Get users with posts where partial', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: true,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
      }[];
    } | null>();
  });

  // pg.test.ts:2354 '[Find One] Get users with posts where partial. Did not select posts id, but used it in where'
  it('[Find One] Get users with posts where partial. Did not select posts id, but used it in where', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: true,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
      }[];
    } | null>();
  });

  // pg.test.ts:2411 '[Find One] Get users with posts where partial(true false)'
  it('[Find One] Get users with posts where partial(true false)', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {
        _id: true,
        _creationTime: true,
        name: false,
      },
      with: {
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: false,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2465 '[Find One] Get users with posts where partial(false)'
  it('[Find One] Get users with posts where partial(false)', async () => {
    const usersWithPosts = await db.query.usersTable.findFirst({
      columns: {
        name: false,
      },
      with: {
        posts: {
          columns: {
            content: false,
          },
          where: {
            _id: ID.posts,
          },
        },
      },
      where: {
        _id: ID.users,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      posts: {
        _id: GenericId<'posts'>;
        _creationTime: number;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[];
    } | null>();
  });

  // pg.test.ts:2523 'Get user with invitee'
  it('Get user with invitee', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      with: {
        invitee: true,
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2592 'Get user limit with invitee'
  it('Get user limit with invitee', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      with: {
        invitee: true,
      },
      limit: 2,
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2646 'Get user with invitee and custom fields'
  it('Get user with invitee and custom fields', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      extras: { lower: (users) => users.name.toLowerCase() },
      with: {
        invitee: {
          extras: { lower: (invitee) => invitee.name.toLowerCase() },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        lower: string;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          lower: string;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2724 'Get user with invitee and custom fields limits'
  it('Get user with invitee and custom fields limits', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      extras: { lower: (users) => users.name.toLowerCase() },
      limit: 3,
      with: {
        invitee: {
          extras: { lower: (invitee) => invitee.name.toLowerCase() },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        lower: string;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          lower: string;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2794 'Get user with invitee order by'
  it('Get user with invitee order by', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        invitee: true,
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2864 'Get user with invitee where'
  it('Get user with invitee where', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        invitee: true,
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2920 'Get user with invitee where partial'
  it('Get user with invitee where partial', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        invitee: {
          columns: {
            _id: true,
            _creationTime: true,
            name: true,
          },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:2977 'Get user with invitee where partial.  Did not select users id, but used it in where'
  it('Get user with invitee where partial.  Did not select users id, but used it in where', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      columns: {
        name: true,
      },
      with: {
        invitee: {
          columns: {
            _id: true,
            _creationTime: true,
            name: true,
          },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        name: string;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3030 'Get user with invitee where partial(true+false)'
  it('Get user with invitee where partial(true+false)', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
        verified: false,
      },
      with: {
        invitee: {
          columns: {
            _id: true,
            _creationTime: true,
            name: true,
            verified: false,
          },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3089 'Get user with invitee where partial(false)'
  it('Get user with invitee where partial(false)', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      columns: {
        verified: false,
      },
      with: {
        invitee: {
          columns: {
            name: false,
          },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        invitedBy: GenericId<'users'> | null;
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3148 'Get user with invitee and posts'
  it('Get user with invitee and posts', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        invitee: true,
        posts: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3234 'Get user with invitee and posts limit posts and users'
  it('Get user with invitee and posts limit posts and users', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 3,
      with: {
        invitee: true,
        posts: {
          limit: 1,
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3317 'Get user with invitee and posts limits custom fields in each'
  it('Get user with invitee and posts limits custom fields in each', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 3,
      extras: { lower: (users) => users.name.toLowerCase() },
      with: {
        invitee: {
          extras: { lower: (users) => users.name.toLowerCase() },
        },
        posts: {
          limit: 1,
          extras: { lower: (posts) => posts.content.toLowerCase() },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        lower: string;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          lower: string;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          lower: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3409 'Get user with invitee and posts custom fields in each'
  it('Get user with invitee and posts custom fields in each', async () => {
    const response = await db.query.usersTable.findMany({
      extras: { lower: (users) => users.name.toLowerCase() },
      with: {
        invitee: {
          extras: { lower: (users) => users.name.toLowerCase() },
        },
        posts: {
          extras: { lower: (posts) => posts.content.toLowerCase() },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        lower: string;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          lower: string;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          lower: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3528 'Get user with invitee and posts orderBy'
  it('Get user with invitee and posts orderBy', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        invitee: true,
        posts: {
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3637 'Get user with invitee and posts where'
  it('Get user with invitee and posts where', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        invitee: true,
        posts: {
          where: {
            ownerId: ID.users,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3713 'Get user with invitee and posts limit posts and users where'
  it('Get user with invitee and posts limit posts and users where', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      limit: 1,
      with: {
        invitee: true,
        posts: {
          where: {
            ownerId: ID.users,
          },
          limit: 1,
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3781 'Get user with invitee and posts orderBy where custom'
  it('Get user with invitee and posts orderBy where custom', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      extras: {
        lower: ({ name }) => name.toLowerCase(),
      },
      with: {
        invitee: true,
        posts: {
          where: {
            ownerId: ID.users,
          },
          orderBy: {
            _id: 'desc',
          },
          extras: {
            lower: ({ content }) => content.toLowerCase(),
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        lower: string;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          lower: string;
          ownerId: GenericId<'users'> | null;
          content: string;
          createdAt: number;
        }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3878 'Get user with invitee and posts orderBy where partial custom'
  it('Get user with invitee and posts orderBy where partial custom', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      extras: {
        lower: ({ name }) => name.toLowerCase(),
      },
      columns: {
        _id: true,
        _creationTime: true,
        name: true,
      },
      with: {
        invitee: {
          columns: {
            _id: true,
            _creationTime: true,
            name: true,
          },
          extras: {
            lower: ({ name }) => name.toLowerCase(),
          },
        },
        posts: {
          columns: {
            _id: true,
            _creationTime: true,
            content: true,
          },
          where: {
            ownerId: ID.users,
          },
          orderBy: {
            _id: 'desc',
          },
          extras: {
            lower: ({ content }) => content.toLowerCase(),
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        lower: string;
        posts: { _id: GenericId<'posts'>; _creationTime: number; lower: string; content: string }[];
        invitee: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          lower: string;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:3982 'Get user with posts and posts with comments'
  it('Get user with posts and posts with comments', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        posts: {
          with: {
            comments: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
          comments: {
            _id: GenericId<'comments'>;
            _creationTime: number;
            content: string;
            createdAt: number;
            creator: GenericId<'users'> | null;
            postId: GenericId<'posts'> | null;
          }[];
        }[];
      }[]
    >();
  });

  // pg.test.ts:4111 'Get user with posts and posts with comments and comments with owner'
  it('Get user with posts and posts with comments and comments with owner', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        posts: {
          with: {
            comments: {
              with: {
                author: true,
              },
            },
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
          comments: {
            _id: GenericId<'comments'>;
            _creationTime: number;
            content: string;
            createdAt: number;
            creator: GenericId<'users'> | null;
            postId: GenericId<'posts'> | null;
            author: {
              _id: GenericId<'users'>;
              _creationTime: number;
              name: string;
              verified: boolean;
              invitedBy: GenericId<'users'> | null;
            };
          }[];
        }[];
      }[]
    >();
  });

  // pg.test.ts:4335 '[Find Many] Get users with groups'
  it('[Find Many] Get users with groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        usersToGroups: {
          columns: {},
          with: {
            group: true,
          },
          orderBy: {
            userId: 'asc',
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4448 '[Find Many] Get groups with users'
  it('[Find Many] Get groups with users', async () => {
    const response = await db.query.groupsTable.findMany({
      with: {
        usersToGroups: {
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4553 '[Find Many] Get users with groups limit'
  it('[Find Many] Get users with groups limit', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 2,
      with: {
        usersToGroups: {
          limit: 1,
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4638 '[Find Many] Get groups with users limit'
  it('[Find Many] Get groups with users limit', async () => {
    const response = await db.query.groupsTable.findMany({
      limit: 2,
      with: {
        usersToGroups: {
          limit: 1,
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4723 '[Find Many] Get users with groups limit where'
  it('[Find Many] Get users with groups limit where', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 1,
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        usersToGroups: {
          where: {
            groupId: ID.groups,
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4800 '[Find Many] Get groups with users limit where'
  it('[Find Many] Get groups with users limit where', async () => {
    const response = await db.query.groupsTable.findMany({
      limit: 1,
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        usersToGroups: {
          where: {
            userId: ID.users,
          },
          limit: 1,
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4876 '[Find Many] Get users with groups where'
  it('[Find Many] Get users with groups where', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        usersToGroups: {
          where: {
            groupId: ID.groups,
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:4961 '[Find Many] Get groups with users where'
  it('[Find Many] Get groups with users where', async () => {
    const response = await db.query.groupsTable.findMany({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        usersToGroups: {
          where: {
            userId: ID.users,
          },
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:5043 '[Find Many] Get users with groups orderBy'
  it('[Find Many] Get users with groups orderBy', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        usersToGroups: {
          orderBy: {
            groupId: 'desc',
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:5151 '[Find Many] Get groups with users orderBy'
  it('[Find Many] Get groups with users orderBy', async () => {
    const response = await db.query.groupsTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        usersToGroups: {
          orderBy: {
            userId: 'desc',
          },
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:5260 '[Find Many] Get users with groups orderBy limit'
  it('[Find Many] Get users with groups orderBy limit', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      limit: 2,
      with: {
        usersToGroups: {
          limit: 1,
          orderBy: {
            groupId: 'desc',
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:5349 '[Find One] Get users with groups'
  it('[Find One] Get users with groups', async () => {
    const response = await db.query.usersTable.findFirst({
      with: {
        usersToGroups: {
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5415 '[Find One] Get groups with users'
  it('[Find One] Get groups with users', async () => {
    const response = await db.query.groupsTable.findFirst({
      with: {
        usersToGroups: {
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      usersToGroups: {
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5481 '[Find One] Get users with groups limit'
  it('[Find One] Get users with groups limit', async () => {
    const response = await db.query.usersTable.findFirst({
      with: {
        usersToGroups: {
          limit: 1,
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5548 '[Find One] Get groups with users limit'
  it('[Find One] Get groups with users limit', async () => {
    const response = await db.query.groupsTable.findFirst({
      with: {
        usersToGroups: {
          limit: 1,
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      usersToGroups: {
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5615 '[Find One] Get users with groups limit where'
  it('[Find One] Get users with groups limit where', async () => {
    const response = await db.query.usersTable.findFirst({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        usersToGroups: {
          where: {
            groupId: ID.groups,
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5689 '[Find One] Get groups with users limit where'
  it('[Find One] Get groups with users limit where', async () => {
    const response = await db.query.groupsTable.findFirst({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        usersToGroups: {
          where: {
            userId: ID.users,
          },
          limit: 1,
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      usersToGroups: {
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5762 '[Find One] Get users with groups where'
  it('[Find One] Get users with groups where', async () => {
    const response = await db.query.usersTable.findFirst({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        usersToGroups: {
          where: {
            groupId: ID.groups,
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5830 '[Find One] Get groups with users where'
  it('[Find One] Get groups with users where', async () => {
    const response = await db.query.groupsTable.findFirst({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        usersToGroups: {
          where: {
            userId: ID.users,
          },
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      usersToGroups: {
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5902 '[Find One] Get users with groups orderBy'
  it('[Find One] Get users with groups orderBy', async () => {
    const response = await db.query.usersTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        usersToGroups: {
          orderBy: {
            groupId: 'desc',
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:5980 '[Find One] Get groups with users orderBy'
  it('[Find One] Get groups with users orderBy', async () => {
    const response = await db.query.groupsTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        usersToGroups: {
          orderBy: {
            userId: 'desc',
          },
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      usersToGroups: {
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:6052 '[Find One] Get users with groups orderBy limit'
  it('[Find One] Get users with groups orderBy limit', async () => {
    const response = await db.query.usersTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        usersToGroups: {
          limit: 1,
          orderBy: {
            groupId: 'desc',
          },
          columns: {},
          with: {
            group: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      usersToGroups: {
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        };
      }[];
    } | null>();
  });

  // pg.test.ts:6125 'Get groups with users orderBy limit'
  it('Get groups with users orderBy limit', async () => {
    const response = await db.query.groupsTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      limit: 2,
      with: {
        usersToGroups: {
          limit: 1,
          orderBy: {
            userId: 'desc',
          },
          columns: {},
          with: {
            user: true,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:6216 'Get users with groups custom'
  it('Get users with groups custom', async () => {
    const response = await db.query.usersTable.findMany({
      extras: {
        lower: ({ name }) => name.toLowerCase(),
      },
      with: {
        usersToGroups: {
          columns: {},
          with: {
            group: {
              extras: {
                lower: ({ name }) => name.toLowerCase(),
              },
            },
          },
          orderBy: {
            groupId: 'asc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        lower: string;
        usersToGroups: {
          group: {
            _id: GenericId<'groups'>;
            _creationTime: number;
            name: string;
            description: string | null;
            lower: string;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:6344 'Get groups with users custom'
  it('Get groups with users custom', async () => {
    const response = await db.query.groupsTable.findMany({
      extras: {
        lower: (table) => table.name.toLowerCase(),
      },
      with: {
        usersToGroups: {
          columns: {},
          with: {
            user: {
              extras: {
                lower: (table) => table.name.toLowerCase(),
              },
            },
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        lower: string;
        usersToGroups: {
          user: {
            _id: GenericId<'users'>;
            _creationTime: number;
            name: string;
            verified: boolean;
            invitedBy: GenericId<'users'> | null;
            lower: string;
          };
        }[];
      }[]
    >();
  });

  // pg.test.ts:6467 '[Find Many .through] Get users with groups'
  it('[Find Many .through] Get users with groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6552 '[Find Many .through] Get groups with users'
  it('[Find Many .through] Get groups with users', async () => {
    const response = await db.query.groupsTable.findMany({
      with: {
        users: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6635 '[Find Many .through] Get users with groups limit'
  it('[Find Many .through] Get users with groups limit', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 2,
      with: {
        groups: {
          limit: 1,
          orderBy: {
            _id: 'asc',
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6707 '[Find Many .through] Get groups with users limit'
  it('[Find Many .through] Get groups with users limit', async () => {
    const response = await db.query.groupsTable.findMany({
      limit: 2,
      with: {
        users: {
          limit: 1,
          orderBy: {
            _id: 'asc',
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6779 '[Find Many .through] Get users with groups limit where'
  it('[Find Many .through] Get users with groups limit where', async () => {
    const response = await db.query.usersTable.findMany({
      limit: 1,
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        groups: {
          where: {
            _id: ID.groups,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6842 '[Find Many .through] Get groups with users limit where'
  it('[Find Many .through] Get groups with users limit where', async () => {
    const response = await db.query.groupsTable.findMany({
      limit: 1,
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        users: {
          where: {
            _id: ID.users,
          },
          limit: 1,
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6904 '[Find Many .through] Get users with groups where'
  it('[Find Many .through] Get users with groups where', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        groups: {
          where: {
            _id: ID.groups,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:6974 '[Find Many .through] Get groups with users where'
  it('[Find Many .through] Get groups with users where', async () => {
    const response = await db.query.groupsTable.findMany({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        users: {
          where: {
            _id: ID.users,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:7041 '[Find Many .through] Get users with groups orderBy'
  it('[Find Many .through] Get users with groups orderBy', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        groups: {
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:7125 '[Find Many .through] Get groups with users orderBy'
  it('[Find Many .through] Get groups with users orderBy', async () => {
    const response = await db.query.groupsTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      with: {
        users: {
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:7210 '[Find Many .through] Get users with groups orderBy limit'
  it('[Find Many .through] Get users with groups orderBy limit', async () => {
    const response = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      limit: 2,
      with: {
        groups: {
          limit: 1,
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:7282 '[Find One .through] Get users with groups'
  it('[Find One .through] Get users with groups', async () => {
    const response = await db.query.usersTable.findFirst({
      with: {
        groups: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7337 '[Find One .through] Get groups with users'
  it('[Find One .through] Get groups with users', async () => {
    const response = await db.query.groupsTable.findFirst({
      with: {
        users: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      users: {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7392 '[Find One .through] Get users with groups limit'
  it('[Find One .through] Get users with groups limit', async () => {
    const response = await db.query.usersTable.findFirst({
      with: {
        groups: {
          limit: 1,
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7449 '[Find One .through] Get groups with users limit'
  it('[Find One .through] Get groups with users limit', async () => {
    const response = await db.query.groupsTable.findFirst({
      with: {
        users: {
          limit: 1,
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      users: {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7506 '[Find One .through] Get users with groups limit where'
  it('[Find One .through] Get users with groups limit where', async () => {
    const response = await db.query.usersTable.findFirst({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        groups: {
          where: {
            _id: ID.groups,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7570 '[Find One .through] Get groups with users limit where'
  it('[Find One .through] Get groups with users limit where', async () => {
    const response = await db.query.groupsTable.findFirst({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        users: {
          where: {
            _id: ID.users,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      users: {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7632 '[Find One .through] Get users with groups where'
  it('[Find One .through] Get users with groups where', async () => {
    const response = await db.query.usersTable.findFirst({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        groups: {
          where: {
            _id: ID.groups,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7692 '[Find One .through] Get groups with users where'
  it('[Find One .through] Get groups with users where', async () => {
    const response = await db.query.groupsTable.findFirst({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        users: {
          where: {
            _id: ID.users,
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      users: {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7754 '[Find One .through] Get users with groups orderBy'
  it('[Find One .through] Get users with groups orderBy', async () => {
    const response = await db.query.usersTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        groups: {
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7820 '[Find One .through] Get groups with users orderBy'
  it('[Find One .through] Get groups with users orderBy', async () => {
    const response = await db.query.groupsTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        users: {
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'groups'>;
      _creationTime: number;
      name: string;
      description: string | null;
      users: {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7882 '[Find One .through] Get users with groups orderBy limit'
  it('[Find One .through] Get users with groups orderBy limit', async () => {
    const response = await db.query.usersTable.findFirst({
      orderBy: {
        _id: 'desc',
      },
      with: {
        groups: {
          limit: 1,
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<{
      _id: GenericId<'users'>;
      _creationTime: number;
      name: string;
      verified: boolean;
      invitedBy: GenericId<'users'> | null;
      groups: {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
      }[];
    } | null>();
  });

  // pg.test.ts:7945 '[Find Many .through] Get groups with users orderBy limit'
  it('[Find Many .through] Get groups with users orderBy limit', async () => {
    const response = await db.query.groupsTable.findMany({
      orderBy: {
        _id: 'desc',
      },
      limit: 2,
      with: {
        users: {
          limit: 1,
          orderBy: {
            _id: 'desc',
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8019 '[Find Many .through] Get users with groups custom'
  it('[Find Many .through] Get users with groups custom', async () => {
    const response = await db.query.usersTable.findMany({
      extras: {
        lower: ({ name }) => name.toLowerCase(),
      },
      with: {
        groups: {
          orderBy: {
            _id: 'asc',
          },
          extras: {
            lower: ({ name }) => name.toLowerCase(),
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        lower: string;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
          lower: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8125 '[Find Many .through] Get groups with users custom'
  it('[Find Many .through] Get groups with users custom', async () => {
    const response = await db.query.groupsTable.findMany({
      extras: {
        lower: (table) => table.name.toLowerCase(),
      },
      with: {
        users: {
          extras: {
            lower: (table) => table.name.toLowerCase(),
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        lower: string;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
          lower: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8226 '[Find Many .through] Get users with groups with usersToGroups where'
  it('[Find Many .through] Get users with groups with usersToGroups where', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        _id: {
          OR: [ID.users, ID.users],
        },
      },
      with: {
        groups: {
          where: {
            _id: ID.groups,
          },
          with: {
            usersToGroups: {
              where: {
                userId: ID.users,
              },
              columns: {
                userId: true,
                groupId: true,
              },
            },
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
          usersToGroups: {
            userId: GenericId<'users'>;
            groupId: GenericId<'groups'>;
          }[];
        }[];
      }[]
    >();
  });

  // pg.test.ts:8315 '[Find Many .through] Get groups with users with posts where'
  it('[Find Many .through] Get groups with users with posts where', async () => {
    const response = await db.query.groupsTable.findMany({
      where: {
        _id: { gt: ID.groups },
      },
      with: {
        users: {
          where: {
            _id: ID.users,
          },
          with: {
            posts: {
              where: {
                content: 'Post1',
              },
              columns: {
                ownerId: true,
                content: true,
              },
            },
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        users: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
          posts: {
            content: string;
            ownerId: GenericId<'users'> | null;
          }[];
        }[];
      }[]
    >();
  });

  // pg.test.ts:8413 '[Find Many .through] Get users with first group'
  it('[Find Many .through] Get users with first group', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        group: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        group: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:8483 '[Find Many .through] Get groups with first user'
  it('[Find Many .through] Get groups with first user', async () => {
    const response = await db.query.groupsTable.findMany({
      with: {
        user: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        user: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:8551 '[Find Many .through] Get users with filtered groups'
  it('[Find Many .through] Get users with filtered groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groupsFiltered: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groupsFiltered: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8632 '[Find Many .through] Get groups with filtered users'
  it('[Find Many .through] Get groups with filtered users', async () => {
    const response = await db.query.groupsTable.findMany({
      with: {
        usersFiltered: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersFiltered: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8710 '[Find Many .through] Get users with filtered groups where'
  it('[Find Many .through] Get users with filtered groups where', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groupsFiltered: {
          where: {
            _id: {
              lt: ID.groups,
            },
          },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groupsFiltered: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8792 '[Find Many .through] Get groups with filtered users where'
  it('[Find Many .through] Get groups with filtered users where', async () => {
    const response = await db.query.groupsTable.findMany({
      with: {
        usersFiltered: {
          where: { _id: { lt: ID.users } },
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'groups'>;
        _creationTime: number;
        name: string;
        description: string | null;
        usersFiltered: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8862 '[Find Many] Get users with filtered posts'
  it('[Find Many] Get users with filtered posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        postsFiltered: {
          columns: {
            ownerId: true,
            content: true,
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        postsFiltered: {
          ownerId: GenericId<'users'> | null;
          content: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:8932 '[Find Many] Get posts with filtered authors'
  it('[Find Many] Get posts with filtered authors', async () => {
    const posts = await db.query.postsTable.findMany({
      columns: {
        _id: true,
        _creationTime: true,
        content: true,
      },
      with: {
        authorFiltered: {
          columns: {
            name: true,
            _id: true,
            _creationTime: true,
          },
        },
      },
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        authorFiltered: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
        };
      }[]
    >();
  });

  // pg.test.ts:9000 '[Find Many] Get users with filtered posts where'
  it('[Find Many] Get users with filtered posts where', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        postsFiltered: {
          columns: {
            ownerId: true,
            content: true,
          },
          where: {
            content: {
              like: '%.2',
            },
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        postsFiltered: {
          ownerId: GenericId<'users'> | null;
          content: string;
        }[];
      }[]
    >();
  });

  // pg.test.ts:9073 '[Find Many] Get posts with filtered authors where'
  it('[Find Many] Get posts with filtered authors where', async () => {
    const posts = await db.query.postsTable.findMany({
      columns: {
        _id: true,
        _creationTime: true,
        content: true,
      },
      with: {
        authorAltFiltered: {
          columns: {
            name: true,
            _id: true,
            _creationTime: true,
          },
          where: {
            _id: ID.users,
          },
        },
      },
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        authorAltFiltered: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:10969 'Force optional on where on non-optional relation query'
  it('Force optional on where on non-optional relation query', async () => {
    const usersWithInvitee = await db.query.usersTable.findMany({
      with: {
        inviteeRequired: {
          where: {
            _id: ID.users,
          },
        },
      },
    });
    expectTypeOf(usersWithInvitee).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        inviteeRequired: {
          _id: GenericId<'users'>;
          _creationTime: number;
          name: string;
          verified: boolean;
          invitedBy: GenericId<'users'> | null;
        } | null;
      }[]
    >();
  });

  // pg.test.ts:11042 '[Find Many] Get users filter users by posts'
  it('[Find Many] Get users filter users by posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: {
          content: {
            like: '%2',
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11089 '[Find Many] Get users with posts filter users by posts'
  it('[Find Many] Get users with posts filter users by posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: true,
      },
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: {
          content: {
            like: '%2',
          },
        },
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11146 '[Find Many] Get users filtered by existing posts'
  it('[Find Many] Get users filtered by existing posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: true,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11192 '[Find Many] Get users with posts filter users by existing posts'
  it('[Find Many] Get users with posts filter users by existing posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: true,
      },
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: true,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11249 '[Find Many] Get users filtered by nonexisting posts'
  it('[Find Many] Get users filtered by nonexisting posts', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: false,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11290 '[Find Many] Get users with posts filter users by existing posts'
  it('[Find Many] Get users with posts filter users by existing posts (second, line 11290)', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: true,
      },
      orderBy: {
        _id: 'asc',
      },
      where: {
        posts: false,
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11341 '[Find Many] Get users with posts filter posts by author'
  it('[Find Many] Get users with posts filter posts by author', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: {
          where: {
            author: {
              _id: ID.users,
            },
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11426 '[Find Many] Get users filtered by own columns and posts with filtered posts by own columns and author'
  it('[Find Many] Get users filtered by own columns and posts with filtered posts by own columns and author', async () => {
    const usersWithPosts = await db.query.usersTable.findMany({
      with: {
        posts: {
          where: {
            content: {
              like: '%2',
            },
            author: {
              _id: ID.users,
            },
          },
        },
      },
      where: {
        _id: {
          gt: ID.users,
        },
        posts: {
          content: {
            like: 'M%',
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11514 '[Find Many .through] Get users filtered by groups'
  it('[Find Many .through] Get users filtered by groups', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        groups: {
          name: 'Group2',
        },
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11561 '[Find Many .through] Get users filtered by existing groups'
  it('[Find Many .through] Get users filtered by existing groups', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        groups: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11610 '[Find Many .through] Get users with existing groups'
  it('[Find Many .through] Get users with existing groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: true,
      },
      where: {
        groups: true,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11684 '[Find Many .through] Get users filtered by nonexisting groups'
  it('[Find Many .through] Get users filtered by nonexisting groups', async () => {
    const response = await db.query.usersTable.findMany({
      where: {
        groups: false,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:11728 '[Find Many .through] Get users with nonexisting groups'
  it('[Find Many .through] Get users with nonexisting groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: true,
      },
      where: {
        groups: false,
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11784 '[Find Many .through] Get users filtered by groups with groups'
  it('[Find Many .through] Get users filtered by groups with groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: {
          orderBy: {
            _id: 'asc',
          },
        },
      },
      where: {
        groups: {
          name: 'Group2',
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11849 '[Find Many .through] Get users filtered by groups with groups filtered by users'
  it('[Find Many .through] Get users filtered by groups with groups filtered by users', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: {
          orderBy: {
            _id: 'asc',
          },
          where: {
            users: {
              _id: ID.users,
            },
          },
        },
      },
      where: {
        groups: {
          name: 'Group3',
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:11919 '[Find Many .through] Get users filtered by users of groups with groups'
  it('[Find Many .through] Get users filtered by users of groups with groups', async () => {
    const response = await db.query.usersTable.findMany({
      with: {
        groups: {
          orderBy: {
            _id: 'asc',
          },
        },
      },
      where: {
        groups: {
          users: {
            _id: ID.users,
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(response).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        groups: {
          _id: GenericId<'groups'>;
          _creationTime: number;
          name: string;
          description: string | null;
        }[];
      }[]
    >();
  });

  // pg.test.ts:12233 '[Find Many] Get users filtered by posts with AND'
  it('[Find Many] Get users filtered by posts with AND', async () => {
    const users = await db.query.usersTable.findMany({
      where: {
        AND: [
          {
            posts: {
              content: {
                like: 'M%',
              },
            },
          },
          {
            posts: {
              ownerId: {
                ne: ID.users,
              },
            },
          },
        ],
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(users).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:12296 '[Find Many] Get users filtered by posts with OR'
  it('[Find Many] Get users filtered by posts with OR', async () => {
    const users = await db.query.usersTable.findMany({
      where: {
        OR: [
          {
            posts: {
              content: {
                like: 'M%',
              },
            },
          },
          {
            posts: {
              ownerId: {
                eq: ID.users,
              },
            },
          },
        ],
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(users).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });

  // pg.test.ts:12371 '[Find Many] Get users filtered by posts with NOT'
  it('[Find Many] Get users filtered by posts with NOT', async () => {
    const users = await db.query.usersTable.findMany({
      where: {
        NOT: {
          posts: {
            content: {
              like: 'M%',
            },
          },
        },
      },
      orderBy: {
        _id: 'asc',
      },
    });
    expectTypeOf(users).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
      }[]
    >();
  });
});

describe('Drizzle v1 prepared relational queries (pg.test.ts), types', () => {
  // pg.test.ts:1620 '[Find Many] Get users with posts prepared limit'
  it('[Find Many] Get users with posts prepared limit', async () => {
    const prepared = orm.query.usersTable
      .findMany({
        with: {
          posts: {
            limit: sql.placeholder('limit'),
          },
        },
      })
      .prepare('query1');
    const usersWithPosts = await prepared.execute(ctx, { limit: 1 });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1690 '[Find Many] Get users with posts prepared limit offset'
  it('[Find Many] Get users with posts prepared limit offset', async () => {
    const prepared = orm.query.usersTable
      .findMany({
        limit: sql.placeholder('uLimit'),
        offset: sql.placeholder('uOffset'),
        with: {
          posts: {
            limit: sql.placeholder('pLimit'),
          },
        },
      })
      .prepare('query2');
    const usersWithPosts = await prepared.execute(ctx, { pLimit: 1, uLimit: 3, uOffset: 1 });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1754 '[Find Many] Get users with posts prepared where'
  it('[Find Many] Get users with posts prepared where', async () => {
    const prepared = orm.query.usersTable
      .findMany({
        where: {
          _id: {
            eq: sql.placeholder('id'),
          },
        },
        with: {
          posts: {
            where: {
              _id: ID.posts,
            },
          },
        },
      })
      .prepare('query3');
    const usersWithPosts = await prepared.execute(ctx, { id: ID.users });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:1812 '[Find Many] Get users with posts prepared limit offset where'
  it('[Find Many] Get users with posts prepared limit offset where', async () => {
    const prepared = orm.query.usersTable
      .findMany({
        limit: sql.placeholder('uLimit'),
        offset: sql.placeholder('uOffset'),
        where: {
          _id: {
            OR: [{ eq: sql.placeholder('id') }, ID.users],
          },
        },
        with: {
          posts: {
            where: {
              _id: {
                eq: sql.placeholder('pid'),
              },
            },
            limit: sql.placeholder('pLimit'),
          },
        },
      })
      .prepare('query4');
    const usersWithPosts = await prepared.execute(ctx, {
      pLimit: 1,
      uLimit: 3,
      uOffset: 1,
      id: ID.users,
      pid: ID.posts,
    });
    expectTypeOf(usersWithPosts).toEqualTypeOf<
      {
        _id: GenericId<'users'>;
        _creationTime: number;
        name: string;
        verified: boolean;
        invitedBy: GenericId<'users'> | null;
        posts: {
          _id: GenericId<'posts'>;
          _creationTime: number;
          content: string;
          ownerId: GenericId<'users'> | null;
          createdAt: number;
        }[];
      }[]
    >();
  });

  // pg.test.ts:12003 '[Find Many] Shortcut form placeholders in filters - eq'
  it('[Find Many] Shortcut form placeholders in filters - eq', async () => {
    const query = orm.query.postsTable
      .findMany({
        where: {
          ownerId: sql.placeholder('id'),
        },
        orderBy: {
          _id: 'asc',
        },
      })
      .prepare('w_sf_phd_1');
    const posts = await query.execute(ctx, {
      id: ID.users,
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[]
    >();
  });

  // pg.test.ts:12055 '[Find Many] Shortcut form placeholders in filters - or'
  it('[Find Many] Shortcut form placeholders in filters - or', async () => {
    const query = orm.query.postsTable
      .findMany({
        where: {
          OR: [
            {
              ownerId: sql.placeholder('id1'),
            },
            {
              ownerId: sql.placeholder('id2'),
            },
          ],
        },
        orderBy: {
          _id: 'asc',
        },
      })
      .prepare('w_sf_phd_2');
    const posts = await query.execute(ctx, {
      id1: ID.users,
      id2: ID.users,
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[]
    >();
  });

  // pg.test.ts:12116 '[Find Many] Shortcut form placeholders in filters - column or'
  it('[Find Many] Shortcut form placeholders in filters - column or', async () => {
    const query = orm.query.postsTable
      .findMany({
        where: {
          ownerId: {
            OR: [sql.placeholder('id1'), sql.placeholder('id2')],
          },
        },
        orderBy: {
          _id: 'asc',
        },
      })
      .prepare('w_sf_phd_3');
    const posts = await query.execute(ctx, {
      id1: ID.users,
      id2: ID.users,
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[]
    >();
  });

  // pg.test.ts:12175 '[Find Many] Shortcut form placeholders in filters - column not'
  it('[Find Many] Shortcut form placeholders in filters - column not', async () => {
    const query = orm.query.postsTable
      .findMany({
        where: {
          ownerId: {
            NOT: sql.placeholder('id'),
          },
        },
        orderBy: {
          _id: 'asc',
        },
      })
      .prepare('w_sf_phd_4');
    const posts = await query.execute(ctx, {
      id: ID.users,
    });
    expectTypeOf(posts).toEqualTypeOf<
      {
        _id: GenericId<'posts'>;
        _creationTime: number;
        content: string;
        ownerId: GenericId<'users'> | null;
        createdAt: number;
      }[]
    >();
  });
});

describe('Drizzle v1 relational queries (common-rqb.ts), types', () => {
  // common-rqb.ts:205 and :257 'RQB v2 simple find first - result type' (drizzle-orm#5172; the test appears twice)
  it('RQB v2 simple find first - result type', () => {
    const user = convexTable('users', { email: text().notNull().unique(), password: text().notNull() });
    const userSession = convexTable('user_sessions', {
      userId: id('users').notNull(),
      expiresAt: timestamp().notNull(),
    });
    const sessionRelations = defineRelations({ user, userSession }, (r) => ({
      user: { sessions: r.many.userSession() },
      userSession: { user: r.one.user({ from: r.userSession.userId, to: r.user._id, optional: false }) },
    }));
    const sessionDb = createOrm({ relations: sessionRelations }).db({} as MutationCtx);
    const query = sessionDb.query.userSession.findFirst({ where: { _id: ID.user_sessions }, with: { user: true } });
    expectTypeOf(query).resolves.toEqualTypeOf<{
      _id: GenericId<'user_sessions'>;
      _creationTime: number;
      userId: GenericId<'users'>;
      expiresAt: number;
      user: { _id: GenericId<'users'>; _creationTime: number; email: string; password: string };
    } | null>();
  });
});
