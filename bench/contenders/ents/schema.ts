import { v } from 'convex/values';
import { defineEnt, defineEntSchema, getEntDefinitions } from 'convex-ents';

// The bench schema in convex-ents@0.20 syntax: the same tables and fields.
// Ents names an edge's index after its field (`authorId`), keeps the
// many:many junction in `usersToGroups` (fields userId/groupId), and needs
// the explicit `by_*` indexes for the orders and ranges the workloads use.

const schema = defineEntSchema({
  users: defineEnt({ name: v.string(), role: v.union(v.literal('admin'), v.literal('member')), age: v.number() })
    .field('email', v.string(), { unique: true })
    .edges('posts', { ref: 'authorId' })
    .edges('comments', { ref: 'authorId' })
    .edges('groups', { table: 'usersToGroups', field: 'userId' }),
  posts: defineEnt({
    title: v.string(),
    status: v.union(v.literal('draft'), v.literal('published')),
    publishedAt: v.number(),
    views: v.number(),
  })
    .edge('author', { field: 'authorId', to: 'users' })
    .edges('comments', { ref: 'postId' })
    .index('by_author', ['authorId', 'publishedAt'])
    .index('by_author_title', ['authorId', 'title'])
    .index('by_status', ['status', 'publishedAt']),
  comments: defineEnt({ body: v.string() })
    .edge('post', { field: 'postId' })
    .edge('author', { field: 'authorId', to: 'users' }),
  groups: defineEnt({ name: v.string() }).edges('users', { table: 'usersToGroups', field: 'groupId' }),
});

export default schema;
export const entDefinitions = getEntDefinitions(schema);
