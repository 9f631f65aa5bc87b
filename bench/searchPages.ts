import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenericId } from 'convex/values';
import { mergedStream, stream } from 'convex-helpers/server/stream';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
} from 'convex-orm';
import { convexTest } from 'convex-test';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx, RunInput } from './contender.js';
import { type BenchVariant, cellTable, measureVariants, type RowChangeCell } from './rowChanges.js';

// Search, pages that fill, and a relation load whose nested order the foreign-key index does not
// serve (issue 15), on a schema of their own: `config.searchPosts` posts of 100 authors, every
// 10th titled "Intro ...", statuses draft/published/archived/scheduled in turn, distinct
// `publishedAt`; and, for the relation load, `config.users` posts with 30 comments each.
// - search: "intro" among the posts, status published, author loaded, 20 rows: ORM
//   `findMany({ search, where: { status }, with: { author: true }, limit: 20 })` vs the floor's
//   `withSearchIndex` + `db.get` per distinct author;
// - pages: posts with `status in [published, archived, scheduled]` by `publishedAt` desc, 3 pages
//   of 20 (3 transactions): ORM `paginate` vs the floor merging the three index ranges by hand
//   (resuming after the last row's (publishedAt, _creationTime): its ties, then past it) vs
//   convex-helpers' `mergedStream` of three `stream` queries, `.paginate()`;
// - nested order: `posts.findMany({ with: { comments: { where: { uid: { gt: 3003 } }, orderBy:
//   { uid: 'asc' }, limit: 2 } } })` with an index on `uid` and none on `(postId, uid)` vs the
//   floor reading each post's comments by `by_post` and sorting them;
// - OR across fields: one author's posts or the published ones, newest 20 (`findMany({ where: { OR:
//   [{ authorId }, { status: 'published' }] }, orderBy: { publishedAt: 'desc' }, limit: 20 })`, a
//   union of `by_author` and `by_status` merged by `publishedAt`) vs the floor merging the two
//   ranges by hand.

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');

const STATUSES = ['draft', 'published', 'archived', 'scheduled'] as const;
const LISTED = ['published', 'archived', 'scheduled'] as const;
const COMMENTS_PER_POST = 30;

const authors = convexTable('authors', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    status: textEnum(STATUSES).notNull(),
    publishedAt: integer().notNull(),
    authorId: id('authors').notNull(),
  },
  (t) => [
    index('by_status').on(t.status, t.publishedAt),
    index('by_author').on(t.authorId, t.publishedAt),
    searchIndex('search_title').on(t.title).filter(t.status),
  ],
);
const comments = convexTable('comments', { postId: id('posts').notNull(), uid: integer().notNull() }, (t) => [
  index('by_post').on(t.postId),
  index('by_uid').on(t.uid),
]);
const tables = { authors, posts, comments };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  posts: {
    author: r.one.authors({ from: r.posts.authorId, to: r.authors._id, optional: false }),
    comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }),
  },
}));
const orm = createOrm({ relations });

type Doc = Record<string, any>;
type Variant = BenchVariant<'floor' | 'convex-orm'>;
const raw = (ctx: BenchCtx) => ctx.db as any;

/** 100 authors and `postCount` posts, each with 30 comments when `withComments`; the fixture is the 8th author. */
async function backend(postCount: number, withComments: boolean): Promise<{ t: Backend; ids: GenericId<'authors'> }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  const authorIds: GenericId<'authors'>[] = [];
  await t.run(async (ctx) => {
    for (let i = 0; i < 100; i++) authorIds.push(await ctx.db.insert('authors', { name: `a${i}` }));
    for (let i = 0; i < postCount; i++) {
      const postId = await ctx.db.insert('posts', {
        title: i % 10 === 1 ? `Intro to topic ${i}` : `Notes on topic ${i}`,
        status: STATUSES[i % STATUSES.length]!,
        publishedAt: i,
        authorId: authorIds[(i * 7) % 100]!,
      });
      if (!withComments) continue;
      // uids 1000·post + i: posts 0-2 have none past 3003, post 3 has 26, the later posts all theirs.
      for (let c = 0; c < COMMENTS_PER_POST; c++) await ctx.db.insert('comments', { postId, uid: 1000 * i + c });
    }
  });
  return { t, ids: authorIds[7]! };
}

const searchVariants: Variant[] = [
  {
    key: 'floor',
    fn: async (ctx) => {
      const found: Doc[] = await raw(ctx)
        .query('posts')
        .withSearchIndex('search_title', (q: any) => q.search('title', 'intro').eq('status', 'published'))
        .take(20);
      const authorIds = [...new Set(found.map((post) => post.authorId))];
      const byId = new Map(await Promise.all(authorIds.map(async (id) => [id, await raw(ctx).get(id)] as const)));
      return found.map((post) => ({ ...post, author: byId.get(post.authorId) }));
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx) =>
      orm.db(ctx as any).query.posts.findMany({
        search: { index: 'search_title', query: 'intro' },
        where: { status: 'published' },
        with: { author: true },
        limit: 20,
      }),
  },
];

/** Where the floor's next page starts: after the row with this (publishedAt, _creationTime). */
type FloorCursor = readonly [number, number] | null;
type FloorPage = { page: Doc[]; isDone: boolean; continueCursor: FloorCursor };

/** One status's posts after `after`, newest first: the ties on its publishedAt, then the older ones (read lazily). */
async function* listedAfter(db: any, status: string, after: FloorCursor): AsyncGenerator<Doc> {
  const range = (build: (q: any) => any) => db.query('posts').withIndex('by_status', build).order('desc');
  if (after === null) {
    yield* range((q) => q.eq('status', status));
    return;
  }
  const [publishedAt, creationTime] = after;
  yield* range((q) => q.eq('status', status).eq('publishedAt', publishedAt).lt('_creationTime', creationTime));
  yield* range((q) => q.eq('status', status).lt('publishedAt', publishedAt));
}

const newerFirst = (a: Doc, b: Doc) => b.publishedAt - a.publishedAt || b._creationTime - a._creationTime;

/** The floor's page: the three statuses' ranges merged by hand, each read only as far as the page needs. */
async function floorPage(db: any, after: FloorCursor, numItems: number): Promise<FloorPage> {
  const heads = await Promise.all(
    LISTED.map(async (status) => {
      const rows = listedAfter(db, status, after);
      return { rows, next: await rows.next() };
    }),
  );
  const page: Doc[] = [];
  try {
    while (page.length < numItems) {
      let newest: (typeof heads)[number] | undefined;
      for (const head of heads) {
        if (!head.next.done && (!newest || newerFirst(head.next.value, newest.next.value as Doc) < 0)) newest = head;
      }
      if (!newest) return { page, isDone: true, continueCursor: null };
      page.push(newest.next.value as Doc);
      if (page.length < numItems) newest.next = await newest.rows.next();
    }
  } finally {
    await Promise.all(heads.map(({ rows }) => rows.return(undefined)));
  }
  const last = page[page.length - 1]!;
  return { page, isDone: false, continueCursor: [last.publishedAt, last._creationTime] };
}

const previousCursor = <C>(input: RunInput, start: C): C =>
  (input.previous as { continueCursor: C } | undefined)?.continueCursor ?? start;

const pageVariants: BenchVariant<Variant['key'] | 'convex-helpers'>[] = [
  { key: 'floor', fn: (ctx, input) => floorPage(raw(ctx), previousCursor<FloorCursor>(input, null), 20) },
  {
    key: 'convex-orm',
    fn: (ctx, input) =>
      orm
        .db(ctx as any)
        .query.posts.paginate(
          { numItems: 20, cursor: previousCursor<string | null>(input, null) },
          { where: { status: { in: [...LISTED] } }, orderBy: { publishedAt: 'desc' } },
        ),
  },
  {
    key: 'convex-helpers',
    fn: (ctx, input) =>
      mergedStream(
        LISTED.map((status) =>
          stream(raw(ctx), schema)
            .query('posts')
            .withIndex('by_status', (q: any) => q.eq('status', status))
            .order('desc'),
        ),
        ['publishedAt'],
      ).paginate({ numItems: 20, cursor: previousCursor<string | null>(input, null) }),
  },
];

const nestedOrderVariants: Variant[] = [
  {
    key: 'floor',
    fn: async (ctx) => {
      const all: Doc[] = await raw(ctx).query('posts').collect();
      return Promise.all(
        all.map(async (post) => {
          const own: Doc[] = await raw(ctx)
            .query('comments')
            .withIndex('by_post', (q: any) => q.eq('postId', post._id))
            .collect();
          const first = own.filter((comment) => comment.uid > 3003).sort((a, b) => a.uid - b.uid);
          return { ...post, comments: first.slice(0, 2) };
        }),
      );
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx) =>
      orm.db(ctx as any).query.posts.findMany({
        with: { comments: { where: { uid: { gt: 3003 } }, orderBy: { uid: 'asc' }, limit: 2 } },
      }),
  },
];

/** The floor of the OR across fields: `by_author` and `by_status` read newest first, merged by hand, each row once. */
async function floorMineOrPublished(db: any, authorId: string, limit: number): Promise<Doc[]> {
  const ranges: AsyncIterator<Doc>[] = [
    db.query('posts').withIndex('by_author', (q: any) => q.eq('authorId', authorId)),
    db.query('posts').withIndex('by_status', (q: any) => q.eq('status', 'published')),
  ].map((query) => query.order('desc')[Symbol.asyncIterator]());
  const heads = await Promise.all(ranges.map((range) => range.next()));
  const rows: Doc[] = [];
  const seen = new Set<string>();
  try {
    while (rows.length < limit) {
      let at = -1;
      for (let i = 0; i < heads.length; i++) {
        if (!heads[i]!.done && (at < 0 || newerFirst(heads[i]!.value, heads[at]!.value) < 0)) at = i;
      }
      if (at < 0) break;
      const doc = heads[at]!.value as Doc;
      if (!seen.has(doc._id)) rows.push(doc);
      seen.add(doc._id);
      if (rows.length < limit) heads[at] = await ranges[at]!.next();
    }
  } finally {
    await Promise.all(ranges.map((range) => range.return?.()));
  }
  return rows;
}

/** The author the OR across fields asks for (the backend's fixture). */
const authorOf = (input: RunInput) => input.fixture as unknown as GenericId<'authors'>;

const orAcrossVariants: Variant[] = [
  { key: 'floor', fn: (ctx, input) => floorMineOrPublished(raw(ctx), authorOf(input), 20) },
  {
    key: 'convex-orm',
    fn: (ctx, input) =>
      orm.db(ctx as any).query.posts.findMany({
        where: { OR: [{ authorId: authorOf(input) }, { status: 'published' }] },
        orderBy: { publishedAt: 'desc' },
        limit: 20,
      }),
  },
];

export type SearchPagesResults = {
  posts: number;
  commentPosts: number;
  search: Record<Variant['key'], RowChangeCell>;
  pages: Record<Variant['key'] | 'convex-helpers', RowChangeCell>;
  nestedOrder: Record<Variant['key'], RowChangeCell>;
  orAcross: Record<Variant['key'], RowChangeCell>;
};

/** Runs the four workloads: run 0 counted, runs 1..N timed and interleaved (pages: 3 transactions a run). */
export async function runSearchPages(config: BenchConfig): Promise<SearchPagesResults> {
  const postCount = config.searchPosts;
  const commentPosts = config.users;
  return {
    posts: postCount,
    commentPosts,
    search: await measureVariants(searchVariants, config.runs, () => backend(postCount, false), false),
    pages: await measureVariants(pageVariants, config.runs, () => backend(postCount, false), false, 3),
    nestedOrder: await measureVariants(nestedOrderVariants, config.runs, () => backend(commentPosts, true), false),
    orAcross: await measureVariants(orAcrossVariants, config.runs, () => backend(postCount, false), false),
  };
}

/** The markdown section of the results. */
export function renderSearchPages(results: SearchPagesResults): string[] {
  return [
    '## Search, pages that fill, nested relation order, OR across fields',
    '',
    `Search "intro" among ${results.posts} posts (every 10th matches, half of those published), status published, author loaded, 20 rows (\`findMany({ search: { index: 'search_title', query: 'intro' }, where: { status: 'published' }, with: { author: true }, limit: 20 })\`; the status equality goes into \`withSearchIndex\`), against the floor's \`withSearchIndex(...).take(20)\` and one \`db.get\` per distinct author. convex-test's search has no relevance ranking, so this measures the ORM's overhead, not Convex's search:`,
    '',
    ...cellTable(results.search),
    '',
    `Three pages of 20 posts with \`status in [published, archived, scheduled]\` by \`publishedAt\` desc among ${results.posts} posts, one transaction per page (\`paginate({ numItems: 20, cursor }, { where: { status: { in: [...] } }, orderBy: { publishedAt: 'desc' } })\`: three \`by_status\` ranges merged lazily), against the floor merging the three ranges by hand and convex-helpers' \`mergedStream\` of three \`stream\` queries with \`.paginate()\`. A merge reads one row ahead in each other range; resuming after a row reads two ranges per status (the ties on its \`publishedAt\`, then past it), since \`withIndex\` cannot bound \`(publishedAt, _creationTime)\` together:`,
    '',
    ...cellTable(results.pages),
    '',
    `First 2 comments past uid 3003 of each of ${results.commentPosts} posts (30 comments each; an index on \`uid\`, none on \`(postId, uid)\`): \`posts.findMany({ with: { comments: { where: { uid: { gt: 3003 } }, orderBy: { uid: 'asc' }, limit: 2 } } })\` reads each post's \`by_post\` range and sorts it in memory, as the floor does by hand:`,
    '',
    ...cellTable(results.nestedOrder),
    '',
    `An OR across fields: one author's posts or the published ones, newest 20, among ${results.posts} posts (\`findMany({ where: { OR: [{ authorId }, { status: 'published' }] }, orderBy: { publishedAt: 'desc' }, limit: 20 })\`: the union of \`by_author (authorId, publishedAt)\` and \`by_status (status, publishedAt)\` merged by \`publishedAt\`), against the floor merging the two ranges by hand:`,
    '',
    ...cellTable(results.orAcross),
    '',
  ];
}
