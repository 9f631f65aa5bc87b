import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  number,
  searchIndex,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';

// A blog: users (role, age indexed), posts by author (with an aggregate count per author),
// groups through a junction. Own fixture so every index is known.
export const users = convexTable(
  'users',
  { name: text().notNull(), email: text().notNull(), role: text(), age: integer(), handle: text() },
  (t) => [
    index('by_role').on(t.role),
    index('by_age').on(t.age),
    index('by_email').on(t.email),
    index('by_handle').on(t.handle),
  ],
);
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users').notNull(),
    authorHandle: text(),
    publishedAt: number(),
    status: text(),
    views: integer(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.publishedAt),
    index('by_status').on(t.status),
    index('by_handle').on(t.authorHandle),
    searchIndex('search_title').on(t.title).filter(t.status),
    aggregateIndex('posts_by_author').on(t.authorId).count(),
  ],
);
export const notes = convexTable('notes', { ownerId: id('users').notNull(), body: text().notNull() }, (t) => [
  index('by_owner').on(t.ownerId),
]);
export const profiles = convexTable('profiles', { userId: id('users').notNull(), bio: text().notNull() }, (t) => [
  index('by_user').on(t.userId),
]);
export const groups = convexTable('groups', { name: text().notNull() });
export const usersToGroups = convexTable(
  'usersToGroups',
  { userId: id('users').notNull(), groupId: id('groups').notNull() },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId)],
);
export const tables = { users, posts, notes, profiles, groups, usersToGroups };
export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    notes: r.many.notes(),
    profile: r.one.profiles({ from: r.users._id, to: r.profiles.userId }),
    byHandle: r.many.posts({ from: r.users.handle, to: r.posts.authorHandle, alias: 'h' }),
    groups: r.many.groups({
      from: r.users._id.through(r.usersToGroups.userId),
      to: r.groups._id.through(r.usersToGroups.groupId),
    }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
    handleAuthor: r.one.users({ from: r.posts.authorHandle, to: r.users.handle, alias: 'h' }),
  },
  profiles: { user: r.one.users({ from: r.profiles.userId, to: r.users._id }) },
  notes: { owner: r.one.users({ from: r.notes.ownerId, to: r.users._id }) },
  groups: { members: r.many.users() },
}));
export const orm = createOrm({ relations });
export const schema = defineSchema(tables);
const tableConfigs = Object.values(tables).map(getTableConfig);

export const backend = () => convexTest({ schema, modules, transactionLimits: true });

/** `n` users u0.. (every 3rd an admin, age 20+i), `postsEach` posts each (published i*10+j, last a draft), 2 groups. */
export async function seeded(n = 10, postsEach = 4, opts: { backfill?: boolean } = {}) {
  const t = backend();
  const ids = await t.run(async (raw: any) => {
    const g1 = await raw.db.insert('groups', { name: 'g1' });
    const g2 = await raw.db.insert('groups', { name: 'g2' });
    const userIds = [];
    for (let i = 0; i < n; i++) {
      const u = await raw.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x`,
        role: i % 3 === 0 ? 'admin' : 'member',
        age: 20 + i,
        handle: `h${i}`,
      });
      userIds.push(u);
      for (let j = 0; j < postsEach; j++) {
        await raw.db.insert('posts', {
          title: `post ${i} ${j}`,
          authorId: u,
          authorHandle: `h${i}`,
          publishedAt: i * 10 + j,
          status: j === postsEach - 1 ? 'draft' : 'live',
          views: j,
        });
      }
      if (i % 2 === 0) await raw.db.insert('profiles', { userId: u, bio: `bio ${i}` });
      await raw.db.insert('usersToGroups', { userId: u, groupId: i % 2 ? g1 : g2 });
    }
    return { users: userIds, groups: [g1, g2] };
  });
  if (opts.backfill !== false) {
    for (;;) {
      const step = await t.run((ctx: any) => backfillNext(ctx.db as never, tableConfigs, 1000));
      if (step.batch === null) break;
    }
  }
  return { t, ids };
}

/** Runs `body` on a read-counting ctx: its result and the reads it made. */
export async function counted<T>(raw: any, body: (ctx: any) => PromiseLike<T> | T) {
  const { ctx, reads } = countReads(raw);
  const result = await body(ctx);
  return { result, reads: { ...reads } };
}
