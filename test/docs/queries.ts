// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
// biome-ignore-all lint/correctness/noUnusedVariables: the search block declares the table the app's schema holds
/**
 * The code of docs/queries.md, type-checked by `tsc`: queries.test.ts checks that every ```ts block
 * of the guide appears verbatim (up to indentation) here or in the other queries.*.ts files, and
 * runs them on the app queries.schema.ts is.
 */
import type { GenericId } from 'convex/values';
import { convexTable, id, integer, type OrmReader, searchIndex, text } from 'convex-orm';
import { type relations as appRelations, tables } from './queries.schema';

import { defineRelations } from 'convex-orm';

export const relations = defineRelations(tables, (r) => ({
  users: {
    invitee: r.one.users({ from: r.users.invitedBy, to: r.users._id }),  // self relation
    invited: r.many.users(),                                               // inverse of invitee
    posts: r.many.posts(),                                                 // inverse of posts.author
    groups: r.many.groups({                                                // many-to-many
      from: r.users._id.through(r.usersToGroups.userId),
      to: r.groups._id.through(r.usersToGroups.groupId),
    }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
  groups: { members: r.many.users() },                                     // inverse through relation
}));

type Db = OrmReader<typeof appRelations>;

export async function config(db: Db) {
  await db.query.users.findMany({
    columns: { name: true, email: true },
    where: { role: 'admin', posts: { title: { like: 'Intro%' } } },
    orderBy: { _creationTime: 'desc' },
    limit: 20,
    offset: 0,
    with: {
      posts: { columns: { title: true }, where: { publishedAt: { isNotNull: true } },
               orderBy: { publishedAt: 'desc' }, limit: 5 },
      invitee: { columns: { name: true } },
    },
    extras: { initials: (row) => row.name.slice(0, 2) },
  });
}

export async function counts(db: Db) {
  const authors = await db.query.users.findMany({
    columns: { name: true },
    _count: { posts: true, comments: { where: { approved: true } } },
  }); // [{ name: 'Ada', _count: { posts: 12, comments: 3 } }, ...]
  return authors;
}

export function explained(db: Db, authorId: GenericId<'users'>) {
  db.query.posts.findMany({ where: { authorId }, orderBy: { publishedAt: 'desc' }, limit: 5,
    with: { author: true } }).explain();
  // { table: 'posts', read: 'index', index: 'by_author', ranges: ['authorId = "k57…"'],
  //   residual: null, order: 'index desc', fullScan: false, scanBudget: 10000,
  //   with: { author: { table: 'users', read: 'get', ranges: ['_id = "?"'],
  //                     load: 'db.get per distinct id', ... } } }
}

export async function search(db: Db) {
  const posts = convexTable(
    'posts',
    { title: text().notNull(), status: text().notNull(), authorId: id('users').notNull(), words: integer() },
    (t) => [searchIndex('search_title').on(t.title).filter(t.status, t.authorId)],
  );

  await db.query.posts.findMany({
    search: { index: 'search_title', query: 'intro' },
    where: { status: 'published', words: { gt: 150 } },
    with: { author: true },
    limit: 10,
  });
}
