import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenericId } from 'convex/values';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  getTableConfig,
  id,
  index,
  integer,
  text,
  textEnum,
} from 'convex-orm';
import { backfillNext } from 'convex-orm/migrations';
import { convexTest } from 'convex-test';

import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx } from './contender.js';
import { type BenchVariant, cellTable, measureVariants, type RowChangeCell } from './rowChanges.js';

type Variant = BenchVariant<'floor' | 'convex-orm'>;

// Aggregate indexes (issue 14), on a schema of their own: 10 authors, `config.backfillDocs`
// posts (author 0 has a tenth), posts with two aggregate indexes (by author: count + sum of
// views; by status: count).
// - count of one author's posts: ORM `count` (served by the aggregate index) vs the floor's
//   bounded read of the `by_author` range;
// - groupBy status with counts: ORM `groupBy` vs the floor reading every post and counting;
// - insert `config.inserts` posts: ORM insert maintaining both indexes vs raw inserts.
// Not measured: @convex-dev/aggregate hand-wired (it needs the component registered in
// convex-test; see docs/aggregates.md for why the ORM keeps its own buckets).

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');

const authors = convexTable('authors', { name: text().notNull() });
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('authors').notNull(),
    status: textEnum(['draft', 'published']).notNull(),
    views: integer(),
  },
  (t) => [
    index('by_author').on(t.authorId),
    aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views),
    aggregateIndex('posts_by_status').on(t.status).count(),
  ],
);
const schema = defineSchema({ authors, posts });
const relations = defineRelations({ authors, posts });
export const orm = createOrm({ relations });
const tables = [authors, posts].map(getTableConfig);

type Ids = { authors: GenericId<'authors'>[] };
const raw = (ctx: BenchCtx) => ctx.db as any;
const ids = (input: { fixture: unknown }) => input.fixture as Ids;
const post = (author: GenericId<'authors'>, i: number) => ({
  title: `p${i}`,
  authorId: author,
  status: i % 3 === 0 ? ('published' as const) : ('draft' as const),
  views: i % 100,
});

/** 10 authors and `postCount` posts (every 10th by author 0), the aggregate indexes built. */
export async function backend(postCount: number): Promise<{ t: Backend; ids: Ids }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  const authorIds = await t.run(async (ctx) => {
    const db = orm.db(ctx as any);
    const rows = await db
      .insert(authors)
      .values(Array.from({ length: 10 }, (_, i) => ({ name: `a${i}` })))
      .returning({ _id: authors._id });
    return rows.map((row) => row._id);
  });
  for (let i = 0; i < postCount; i += 1000) {
    const size = Math.min(1000, postCount - i);
    await t.run((ctx) =>
      orm
        .db(ctx as any)
        .insert(posts)
        .values(Array.from({ length: size }, (_, k) => post(authorIds[(i + k) % 10]!, i + k))),
    );
  }
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as any, tables, 1000));
    if (step.batch === null) break;
  }
  return { t, ids: { authors: authorIds } };
}

const countVariants: Variant[] = [
  {
    key: 'floor',
    fn: async (ctx, input) => {
      let count = 0;
      for await (const _ of raw(ctx)
        .query('posts')
        .withIndex('by_author', (q: any) => q.eq('authorId', ids(input).authors[0])))
        count++;
      return count;
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx, input) => orm.db(ctx as any).query.posts.count({ where: { authorId: ids(input).authors[0]! } }),
  },
];

const groupByVariants: Variant[] = [
  {
    key: 'floor',
    fn: async (ctx) => {
      const counts = new Map<string, number>();
      for await (const row of raw(ctx).query('posts')) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
      return [...counts].map(([status, count]) => ({ status, _count: count }));
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx) => orm.db(ctx as any).query.posts.groupBy({ by: ['status'], _count: true }),
  },
];

const insertVariants = (inserts: number): Variant[] => [
  {
    key: 'floor',
    fn: async (ctx, input) => {
      for (let i = 0; i < inserts; i++) await raw(ctx).insert('posts', post(ids(input).authors[i % 10]!, i));
    },
  },
  {
    key: 'convex-orm',
    fn: (ctx, input) =>
      orm
        .db(ctx as any)
        .insert(posts)
        .values(Array.from({ length: inserts }, (_, i) => post(ids(input).authors[i % 10]!, i))),
  },
];

export type AggregateResults = {
  posts: number;
  inserts: number;
  count: Record<Variant['key'], RowChangeCell>;
  groupBy: Record<Variant['key'], RowChangeCell>;
  insert: Record<Variant['key'], RowChangeCell>;
};

/** Runs the three aggregate workloads: run 0 counted, runs 1..N timed and interleaved. */
export async function runAggregates(config: BenchConfig): Promise<AggregateResults> {
  const postCount = config.backfillDocs;
  return {
    posts: postCount,
    inserts: config.inserts,
    count: await measureVariants(countVariants, config.runs, () => backend(postCount), false),
    groupBy: await measureVariants(groupByVariants, config.runs, () => backend(postCount), false),
    insert: await measureVariants(insertVariants(config.inserts), config.runs, () => backend(0), true),
  };
}

/** The markdown section of the results. */
export function renderAggregates(results: AggregateResults): string[] {
  return [
    '## Aggregates',
    '',
    `Count one author's posts among ${results.posts} (\`count({ where: { authorId } })\`, served by aggregate index \`posts_by_author\`), against the floor reading the \`by_author\` range:`,
    '',
    ...cellTable(results.count),
    '',
    `\`groupBy({ by: ['status'], _count: true })\` over ${results.posts} posts (served by \`posts_by_status\`), against the floor reading every post:`,
    '',
    ...cellTable(results.groupBy),
    '',
    `Insert ${results.inserts} posts into a table with two aggregate indexes (one statement), against raw inserts:`,
    '',
    ...cellTable(results.insert),
    '',
  ];
}
