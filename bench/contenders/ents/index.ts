import type { GenericDataModel, GenericMutationCtx } from 'convex/server';
import type { GenericId } from 'convex/values';
import { entsTableFactory } from 'convex-ents';
import type { BenchCtx, Contender } from '../../contender.js';
import schema, { entDefinitions } from './schema.js';

/** convex-ents@0.20, written with ents' API (edges, unique fields, cascading deletes). */
const table = (ctx: BenchCtx) =>
  entsTableFactory(ctx as unknown as GenericMutationCtx<GenericDataModel>, entDefinitions);

const publishedDesc = (ctx: BenchCtx) =>
  table(ctx)('posts', 'by_status', (q) => q.eq('status', 'published')).order('desc');

export const ents: Contender = {
  key: 'convex-ents',
  label: 'convex-ents 0.20',
  schema,
  missing: {
    5: 'no relation (edge) filters: the task is a hand-written loop, i.e. the floor',
  },
  workloads: {
    1: (ctx, { fixture }) => table(ctx)('users').get('email', fixture.data.lookupEmail),
    2: (ctx) => publishedDesc(ctx).take(20),
    3: (ctx) =>
      table(ctx)('users')
        .take(50)
        .map(async (user) => ({
          ...user.doc(),
          posts: await table(ctx)('posts', 'by_author', (q) => q.eq('authorId', user._id))
            .order('desc')
            .take(5),
        })),
    4: (ctx) =>
      table(ctx)('groups')
        .take(5)
        .map(async (group) => ({ ...group.doc(), members: await group.edge('users') })),
    6: (ctx, { previous }) =>
      publishedDesc(ctx).paginate({
        numItems: 20,
        cursor: (previous as { continueCursor?: string } | undefined)?.continueCursor ?? null,
      }),
    7: async (ctx, { fixture, run }) => {
      const rows = Array.from({ length: fixture.config.inserts }, (_, i) => ({
        name: `Bulk ${i}`,
        email: `bulk${run}-${i}@example.com`,
        role: 'member' as const,
        age: 30,
      }));
      await table(ctx)('users').insertMany(rows);
    },
    8: async (ctx, { fixture, run }) => {
      const author = fixture.ids.users[fixture.data.prolific]!;
      const posts = await table(ctx)('posts', 'by_author', (q) => q.eq('authorId', author));
      for (const post of posts) await post.patch({ views: run });
    },
    9: async (ctx, { fixture, run }) => {
      const user = fixture.ids.users[fixture.data.heavy[run]!]! as GenericId<'users'>;
      await table(ctx)('users').getX(user).delete();
    },
  },
};
