import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrm } from 'convex-orm';
import { convexTest } from 'convex-test';
import schema, { relations } from '../example/convex/schema.js';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx } from './contender.js';
import { type BenchVariant, measureVariants, type RowChangeCell } from './rowChanges.js';

// A relation read once where a query asks for it twice, on `config.users` users, user i with
// i % 6 posts (post j published at (i * 7 + j * 13) % 100):
// - top authors: the 10 users with most posts, with their posts (`orderBy: { posts: 'desc(count)' }`
//   beside `with: { posts: true }`): the load takes the rows the order read;
// - recent authors: the first 20 users with a post published after 80, with those posts (`where:
//   { posts }` beside `with: { posts }` of the same where): the relation filter reads every match,
//   which the load takes.
// Against the floor: hand-written code reading each user's `by_author` range once.

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');
const orm = createOrm({ relations });
const RECENT = 80;
const recent = { publishedAt: { gt: RECENT } } as const;

type Key = 'floor' | 'convex-orm';
const raw = (ctx: BenchCtx) => ctx.db as any;

/** A user's posts (published after RECENT when `recentOnly`), read as the floor reads them: its `by_author` range once. */
function postsOf(ctx: BenchCtx, user: any, recentOnly: boolean) {
  return raw(ctx)
    .query('posts')
    .withIndex('by_author', (q: any) =>
      recentOnly ? q.eq('authorId', user._id).gt('publishedAt', RECENT) : q.eq('authorId', user._id),
    )
    .collect();
}

const topAuthors: BenchVariant<Key>[] = [
  {
    key: 'floor',
    fn: async (ctx) => {
      const users = await raw(ctx).query('users').collect();
      const withPosts = await Promise.all(
        users.map(async (user: any) => ({ ...user, posts: await postsOf(ctx, user, false) })),
      );
      // Stable: ties keep the users' order, as the ORM's sort does.
      return withPosts.sort((a: any, b: any) => b.posts.length - a.posts.length).slice(0, 10);
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx) =>
      orm.db(ctx as any).query.users.findMany({ orderBy: { posts: 'desc(count)' }, limit: 10, with: { posts: true } }),
  },
];

const recentAuthors: BenchVariant<Key>[] = [
  {
    key: 'floor',
    fn: async (ctx) => {
      const found = [];
      for await (const user of raw(ctx).query('users')) {
        const posts = await postsOf(ctx, user, true);
        if (posts.length > 0) found.push({ ...user, posts });
        if (found.length === 20) break;
      }
      return found;
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx) =>
      orm
        .db(ctx as any)
        .query.users.findMany({ where: { posts: recent }, limit: 20, with: { posts: { where: recent } } }),
  },
];

async function backend(users: number): Promise<{ t: Backend; ids: null }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  await t.run(async (ctx) => {
    for (let i = 0; i < users; i++) {
      const authorId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: true,
      });
      for (let j = 0; j < i % 6; j++) {
        await ctx.db.insert('posts', { title: `p${i}-${j}`, authorId, publishedAt: (i * 7 + j * 13) % 100 });
      }
    }
  });
  return { t, ids: null };
}

export type SharedReadsResults = Record<'topAuthors' | 'recentAuthors', Record<Key, RowChangeCell>>;

/** Runs both queries: run 0 counted, runs 1..N timed and interleaved. */
export async function runSharedReads(config: BenchConfig): Promise<SharedReadsResults> {
  const fresh = () => backend(config.users);
  return {
    topAuthors: await measureVariants(topAuthors, config.runs, fresh, false),
    recentAuthors: await measureVariants(recentAuthors, config.runs, fresh, false),
  };
}

const ratio = (value: number) => `${value.toFixed(2)}×`;

/** The markdown section of the results. */
export function renderSharedReads(results: SharedReadsResults, users: number): string[] {
  const table = (cells: Record<Key, RowChangeCell>) => {
    const row = (label: Key) => {
      const cell = cells[label];
      return `| ${label} | ${cell.counted.documents} | ${cell.counted.ranges} | ${cell.counted.rows} | ${cell.medianMs.toFixed(2)} ms (${ratio(cell.medianMs / cells.floor.medianMs)}) | ${cell.medianCpuMs.toFixed(2)} ms (${ratio(cell.medianCpuMs / cells.floor.medianCpuMs)}) |`;
    };
    return [
      '| contender | documents read | ranges | rows returned | median wall (ratio) | median CPU (ratio) |',
      '|---|---:|---:|---:|---:|---:|',
      row('floor'),
      row('convex-orm'),
    ];
  };
  return [
    '## A relation asked for twice, read once',
    '',
    `${users} users, user i with i % 6 posts. Top authors: the 10 users with most posts, with their posts (\`orderBy: { posts: 'desc(count)' }\` beside \`with: { posts: true }\`), against the floor reading each user's \`by_author\` range once and sorting:`,
    '',
    ...table(results.topAuthors),
    '',
    `Recent authors: the first 20 users with a post published after ${RECENT}, with those posts (\`where: { posts: { where } }\` beside \`with: { posts: { where } }\`), against the floor reading users in order and each one's range once:`,
    '',
    ...table(results.recentAuthors),
    '',
  ];
}
