/**
 * Relation definitions both ORMs reject (reference/drizzle-v1.md section 1.5,
 * catalogue 5.2 and issue 5350), each written once against the relations
 * builder `r` (`r.users.id` is `_id` on the convex-orm side).
 */

// The builder is untyped here: one config drives two differently typed builders.
export type R = any;

export interface RelationsErrorScenario {
  readonly name: string;
  readonly part?: boolean;
  readonly config: (r: R) => Record<string, Record<string, unknown>>;
}

export const relationErrorScenarios: readonly RelationsErrorScenario[] = [
  {
    name: 'relations: relation name collides with a column',
    config: (r) => ({ users: { name: r.one.users({ from: r.users.invitedBy, to: r.users.id }) } }),
  },
  {
    name: 'relations: alias is an empty string',
    config: (r) => ({ users: { invitee: r.one.users({ from: r.users.invitedBy, to: r.users.id, alias: '' }) } }),
  },
  {
    name: 'relations: from is empty',
    config: (r) => ({ posts: { author: r.one.users({ from: [], to: [r.users.id] }) } }),
  },
  {
    name: 'relations: to is empty',
    config: (r) => ({ posts: { author: r.one.users({ from: [r.posts.authorId], to: [] }) } }),
  },
  {
    name: 'relations: from and to of different lengths without through',
    config: (r) => ({ posts: { author: r.one.users({ from: [r.posts.authorId, r.posts.title], to: [r.users.id] }) } }),
  },
  {
    name: 'relations: 5350 a from column of the wrong table',
    config: (r) => ({ posts: { author: r.one.users({ from: r.comments.authorId, to: r.users.id }) } }),
  },
  {
    name: 'relations: 5350 a to column of the wrong table',
    config: (r) => ({ posts: { author: r.one.users({ from: r.posts.authorId, to: r.comments.id }) } }),
  },
  {
    name: 'relations: through on only some columns',
    config: (r) => ({
      users: { groups: r.many.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id }) },
    }),
  },
  {
    name: 'relations: through columns of different junction tables',
    config: (r) => ({
      users: {
        groups: r.many.groups({
          from: r.users.id.through(r.usersToGroups.userId),
          to: r.groups.id.through(r.comments.postId),
        }),
      },
    }),
  },
  { name: 'relations: only from', config: (r) => ({ posts: { author: r.one.users({ from: r.posts.authorId }) } }) },
  { name: 'relations: only to', config: (r) => ({ posts: { author: r.one.users({ to: r.users.id }) } }) },
  { name: 'relations: no reverse relation', config: (r) => ({ users: { posts: r.many.posts() } }) },
  {
    name: 'relations: no reverse relation with the alias',
    config: (r) => ({ users: { posts: r.many.posts({ alias: 'x' }) } }),
  },
  {
    name: 'relations: several reverse relations with the alias',
    config: (r) => ({
      users: { posts: r.many.posts({ alias: 'a' }) },
      posts: {
        author: r.one.users({ from: r.posts.authorId, to: r.users.id, alias: 'a' }),
        writer: r.one.users({ from: r.posts.authorId, to: r.users.id, alias: 'a' }),
      },
    }),
  },
  {
    name: 'relations: several reverse relations without alias',
    config: (r) => ({
      users: { posts: r.many.posts() },
      posts: {
        author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
        writer: r.one.users({ from: r.posts.authorId, to: r.users.id }),
      },
    }),
  },
  {
    name: 'relations: the reverse relation has no from/to',
    config: (r) => ({ posts: { author: r.one.users() }, users: { posts: r.many.posts() } }),
  },
  {
    name: 'relations: where: undefined in a relation',
    config: (r) => ({ posts: { author: r.one.users({ from: r.posts.authorId, to: r.users.id, where: undefined }) } }),
  },
  {
    name: 'relations: a part without the reverse relation',
    part: true,
    config: (r) => ({ users: { posts: r.many.posts() } }),
  },
];
