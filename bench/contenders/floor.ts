import type { GenericId } from 'convex/values';
import type { BenchCtx, Contender } from '../contender.js';
import schema from '../convex/schema.js';

/**
 * The floor: hand-written `ctx.db` code an expert writes for each task, with
 * the right indexes, reading nothing it does not need.
 */
const nextPrefix = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

const publishedDesc = (ctx: BenchCtx) =>
  ctx.db
    .query('posts')
    .withIndex('by_status', (q) => q.eq('status', 'published'))
    .order('desc');

export const floor: Contender = {
  key: 'floor',
  label: 'floor (ctx.db)',
  schema,
  workloads: {
    1: (ctx, { fixture }) =>
      ctx.db
        .query('users')
        .withIndex('by_email', (q) => q.eq('email', fixture.data.lookupEmail))
        .unique(),
    2: (ctx) => publishedDesc(ctx).take(20),
    3: async (ctx) => {
      const users = await ctx.db.query('users').take(50);
      return Promise.all(
        users.map(async (user) => ({
          ...user,
          posts: await ctx.db
            .query('posts')
            .withIndex('by_author', (q) => q.eq('authorId', user._id))
            .order('desc')
            .take(5),
        })),
      );
    },
    4: async (ctx) => {
      const groups = await ctx.db.query('groups').take(5);
      const links = await Promise.all(
        groups.map((group) =>
          ctx.db
            .query('usersToGroups')
            .withIndex('by_group', (q) => q.eq('groupId', group._id))
            .collect(),
        ),
      );
      // Each member is read once, however many of the groups it is in.
      const memberIds = [...new Set(links.flat().map((link) => link.userId))];
      const members = new Map(await Promise.all(memberIds.map(async (id) => [id, await ctx.db.get(id)] as const)));
      return groups.map((group, i) => ({ ...group, members: links[i]!.map((link) => members.get(link.userId)) }));
    },
    5: async (ctx, { fixture }) => {
      const prefix = fixture.data.titlePrefix;
      const found = [];
      for await (const user of ctx.db.query('users')) {
        const post = await ctx.db
          .query('posts')
          .withIndex('by_author_title', (q) =>
            q.eq('authorId', user._id).gte('title', prefix).lt('title', nextPrefix(prefix)),
          )
          .first();
        if (post !== null) found.push(user);
        if (found.length === 20) break;
      }
      return found;
    },
    6: (ctx, { previous }) =>
      publishedDesc(ctx).paginate({
        numItems: 20,
        cursor: (previous as { continueCursor?: string } | undefined)?.continueCursor ?? null,
      }),
    7: async (ctx, { fixture, run }) => {
      // Every check before the first write, so a duplicate leaves nothing half-written.
      const rows = Array.from({ length: fixture.config.inserts }, (_, i) => ({
        name: `Bulk ${i}`,
        email: `bulk${run}-${i}@example.com`,
        role: 'member' as const,
        age: 30,
      }));
      const seen = new Set<string>();
      for (const { email } of rows) {
        const taken = await ctx.db
          .query('users')
          .withIndex('by_email', (q) => q.eq('email', email))
          .first();
        if (taken !== null || seen.has(email)) throw new Error(`duplicate email ${email}`);
        seen.add(email);
      }
      for (const row of rows) await ctx.db.insert('users', row);
    },
    8: async (ctx, { fixture, run }) => {
      const author = fixture.ids.users[fixture.data.prolific]!;
      const posts = await ctx.db
        .query('posts')
        .withIndex('by_author', (q) => q.eq('authorId', author))
        .collect();
      for (const post of posts) await ctx.db.patch(post._id, { views: run });
    },
    9: async (ctx, { fixture, run }) => {
      const userId = fixture.ids.users[fixture.data.heavy[run]!]!;
      const posts = await ctx.db
        .query('posts')
        .withIndex('by_author', (q) => q.eq('authorId', userId))
        .collect();
      for (const post of posts) {
        const comments = await ctx.db
          .query('comments')
          .withIndex('by_post', (q) => q.eq('postId', post._id))
          .collect();
        for (const comment of comments) await ctx.db.delete(comment._id);
        await ctx.db.delete(post._id);
      }
      const ownComments = await ctx.db
        .query('comments')
        .withIndex('by_author', (q) => q.eq('authorId', userId))
        .collect();
      for (const comment of ownComments) await ctx.db.delete(comment._id);
      const links = await ctx.db
        .query('usersToGroups')
        .withIndex('by_user', (q) => q.eq('userId', userId))
        .collect();
      for (const link of links) await ctx.db.delete(link._id);
      await ctx.db.delete(userId as GenericId<'users'>);
    },
  },
};
