/**
 * Drizzle v1's relational-query test schema
 * (integration-tests/tests/pg/pg.schema.ts and pg.relations.ts, drizzle-orm
 * 1.0.0-rc.4 / beta) translated to Convex: `id: serial()` is Convex's `_id`
 * (plus `_creationTime`), integer foreign keys are `id('table')` columns and
 * `timestamp({ withTimezone: true })` is `timestamp()`, milliseconds (a `Date`
 * is not a Convex value; docs/divergences.md).
 * Left out: the views, the `schemaV1` / `rqb_test_schema` pg schemas, the
 * all-types and custom-types tables and the composite-key students tables
 * (see README.md). A relation's predefined `where` on an integer id
 * (`ownerId: 2`, `id: { gte: 2 }`) filters on a text column instead: Convex
 * ids are not literals.
 */
import { type AnyColumn, boolean, convexTable, defineRelations, id, index, text, timestamp } from 'convex-orm';

export const usersTable = convexTable('users', {
  name: text().notNull(),
  verified: boolean().notNull().default(false),
  invitedBy: id('users').references((): AnyColumn => usersTable._id),
});

export const groupsTable = convexTable('groups', {
  name: text().notNull(),
  description: text(),
});

export const usersToGroupsTable = convexTable(
  'users_to_groups',
  {
    userId: id('users')
      .notNull()
      .references(() => usersTable._id),
    groupId: id('groups')
      .notNull()
      .references(() => groupsTable._id),
  },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId)],
);

export const postsTable = convexTable(
  'posts',
  {
    content: text().notNull(),
    ownerId: id('users').references(() => usersTable._id),
    createdAt: timestamp().notNull().defaultNow(),
  },
  (t) => [index('by_owner').on(t.ownerId)],
);

export const commentsTable = convexTable(
  'comments',
  {
    content: text().notNull(),
    creator: id('users').references(() => usersTable._id),
    postId: id('posts').references(() => postsTable._id),
    createdAt: timestamp().notNull().defaultNow(),
  },
  (t) => [index('by_post').on(t.postId)],
);

export const commentLikesTable = convexTable(
  'comment_likes',
  {
    creator: id('users').references(() => usersTable._id),
    commentId: id('comments').references(() => commentsTable._id),
    createdAt: timestamp().notNull().defaultNow(),
  },
  (t) => [index('by_comment').on(t.commentId)],
);

export const tables = { usersTable, groupsTable, usersToGroupsTable, postsTable, commentsTable, commentLikesTable };

export const relations = defineRelations(tables, (r) => ({
  usersTable: {
    invitee: r.one.usersTable({ from: r.usersTable.invitedBy, to: r.usersTable._id }),
    inviteeRequired: r.one.usersTable({ from: r.usersTable.invitedBy, to: r.usersTable._id, optional: false }),
    usersToGroups: r.many.usersToGroupsTable(),
    posts: r.many.postsTable(),
    postsFiltered: r.many.postsTable({
      from: r.usersTable._id,
      to: r.postsTable.ownerId,
      where: { content: { like: '%.2' } },
      alias: 'author-filtered',
    }),
    postsAltFiltered: r.many.postsTable({
      from: r.usersTable._id,
      to: r.postsTable.ownerId,
      where: { content: { like: '%.1' } },
      alias: 'author-alt-filtered',
    }),
    group: r.one.groupsTable({
      from: r.usersTable._id.through(r.usersToGroupsTable.userId),
      to: r.groupsTable._id.through(r.usersToGroupsTable.groupId),
    }),
    groups: r.many.groupsTable({
      from: r.usersTable._id.through(r.usersToGroupsTable.userId),
      to: r.groupsTable._id.through(r.usersToGroupsTable.groupId),
      alias: 'users-groups-direct',
    }),
    groupsFiltered: r.many.groupsTable({ alias: 'users-groups-direct-filtered' }),
  },
  groupsTable: {
    usersToGroups: r.many.usersToGroupsTable(),
    user: r.one.usersTable(),
    users: r.many.usersTable({ alias: 'users-groups-direct' }),
    usersFiltered: r.many.usersTable({
      from: r.groupsTable._id.through(r.usersToGroupsTable.groupId),
      to: r.usersTable._id.through(r.usersToGroupsTable.userId),
      where: { name: { gte: 'B' } },
      alias: 'users-groups-direct-filtered',
    }),
  },
  usersToGroupsTable: {
    group: r.one.groupsTable({ from: r.usersToGroupsTable.groupId, to: r.groupsTable._id, optional: false }),
    user: r.one.usersTable({ from: r.usersToGroupsTable.userId, to: r.usersTable._id, optional: false }),
  },
  postsTable: {
    author: r.one.usersTable({ from: r.postsTable.ownerId, to: r.usersTable._id, optional: false }),
    authorFiltered: r.one.usersTable({ optional: false, alias: 'author-filtered' }),
    authorAltFiltered: r.one.usersTable({ optional: false, alias: 'author-alt-filtered' }),
    comments: r.many.commentsTable(),
  },
  commentsTable: {
    post: r.one.postsTable({ from: r.commentsTable.postId, to: r.postsTable._id, optional: false }),
    author: r.one.usersTable({ from: r.commentsTable.creator, to: r.usersTable._id, optional: false }),
    likes: r.many.commentLikesTable(),
  },
  commentLikesTable: {
    comment: r.one.commentsTable({ from: r.commentLikesTable.commentId, to: r.commentsTable._id, optional: false }),
    author: r.one.usersTable({ from: r.commentLikesTable.creator, to: r.usersTable._id, optional: false }),
  },
}));
