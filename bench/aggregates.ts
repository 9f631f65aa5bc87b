import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableAggregate } from '@convex-dev/aggregate';
import type { GenericDataModel } from 'convex/server';
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
import { type AggregatedPost, aggregateComponent, postsByAuthor, registerAggregate } from './aggregateComponent.js';
import { type ContentionResult, renderContention, runContention } from './aggregateContention.js';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx } from './contender.js';
import { type BenchVariant, cellTable, measureVariants, type RowChangeCell } from './rowChanges.js';

const COMPONENT = '@convex-dev/aggregate';
type Variant = BenchVariant<'floor' | 'convex-orm'>;
type WithComponent = BenchVariant<'floor' | 'convex-orm' | typeof COMPONENT>;

// Aggregate indexes (issue 14), on a schema of their own: 10 authors, `config.backfillDocs`
// posts (author 0 has a tenth), posts with two aggregate indexes (by author: count + sum of
// views; by status: count).
// - count of one author's posts: ORM `count` (served by the aggregate index) vs the floor's
//   bounded read of the `by_author` range;
// - groupBy status with counts: ORM `groupBy` vs the floor reading every post and counting;
// - insert `config.inserts` posts: ORM insert maintaining both indexes vs raw inserts;
// - count and insert also with @convex-dev/aggregate wired by hand (bench/aggregateComponent.ts):
//   one TableAggregate per ORM aggregate index (namespace = the key, sorted by _creationTime),
//   its `insert` called after each raw insert, `count` by namespace;
// - concurrent inserts under one key: read and write sets of both designs (aggregateContention.ts).

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

/** The component's aggregate of posts by status, next to `postsByAuthor` (the ORM's second aggregate index). */
const postsByStatus = new TableAggregate<{
  Namespace: string;
  Key: number;
  DataModel: GenericDataModel;
  TableName: 'posts';
}>(aggregateComponent, {
  namespace: (doc) => (doc as unknown as { status: string }).status,
  sortKey: (doc) => (doc as unknown as AggregatedPost)._creationTime,
});

/** A raw insert and, as the component's README has an app do it, its aggregates' inserts. */
async function insertWithComponent(ctx: BenchCtx, row: ReturnType<typeof post>): Promise<void> {
  const id = await raw(ctx).insert('posts', row);
  const doc = await raw(ctx).get('posts', id);
  await postsByAuthor.insert(ctx as never, doc);
  await postsByStatus.insert(ctx as never, doc);
}

/**
 * 10 authors and `postCount` posts (every 10th by author 0), the aggregate indexes built;
 * for the component's variant, the component registered and its aggregates kept instead.
 */
export async function backend(postCount: number, key?: WithComponent['key']): Promise<{ t: Backend; ids: Ids }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  const component = key === COMPONENT;
  if (component) await registerAggregate(t);
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
    const rows = Array.from({ length: size }, (_, k) => post(authorIds[(i + k) % 10]!, i + k));
    await t.run(async (ctx) => {
      if (!component)
        return orm
          .db(ctx as any)
          .insert(posts)
          .values(rows);
      for (const row of rows) await insertWithComponent(ctx as never, row);
    });
  }
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as any, tables, 1000));
    if (step.batch === null) break;
  }
  return { t, ids: { authors: authorIds } };
}

const countVariants: WithComponent[] = [
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
  {
    key: COMPONENT,
    fn: (ctx, input) => postsByAuthor.count(ctx as never, { namespace: ids(input).authors[0]!, bounds: {} } as never),
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

const insertVariants = (inserts: number): WithComponent[] => [
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
  {
    key: COMPONENT,
    fn: async (ctx, input) => {
      for (let i = 0; i < inserts; i++) await insertWithComponent(ctx, post(ids(input).authors[i % 10]!, i));
    },
  },
];

export type AggregateResults = {
  posts: number;
  inserts: number;
  count: Record<WithComponent['key'], RowChangeCell>;
  groupBy: Record<Variant['key'], RowChangeCell>;
  insert: Record<WithComponent['key'], RowChangeCell>;
  contention: ContentionResult[];
};

/** Runs the three aggregate workloads (run 0 counted, runs 1..N timed and interleaved), then the contention measurement. */
export async function runAggregates(config: BenchConfig): Promise<AggregateResults> {
  const postCount = config.backfillDocs;
  return {
    posts: postCount,
    inserts: config.inserts,
    count: await measureVariants(countVariants, config.runs, (key) => backend(postCount, key), false),
    groupBy: await measureVariants(groupByVariants, config.runs, () => backend(postCount), false),
    insert: await measureVariants(insertVariants(config.inserts), config.runs, (key) => backend(0, key), true),
    contention: await runContention(Math.max(100, Math.floor(postCount / 10))),
  };
}

/**
 * A table of the floor, the ORM and the hand-wired component. The component reads in its
 * own transaction, which the read counter cannot see, so documents read are the
 * transaction's (Convex's metrics, the component's reads included) on every row.
 */
function componentTable(cells: Record<WithComponent['key'], RowChangeCell>): string[] {
  const { floor } = cells;
  const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
  const row = (label: string, cell: RowChangeCell) =>
    `| ${label} | ${cell.counted.documentsReadTotal} | ${cell.counted.documentsWritten} | ${cell.counted.rows} | ${cell.medianMs.toFixed(1)} ms (${ratio(cell.medianMs, floor.medianMs)}) | ${cell.medianCpuMs.toFixed(1)} ms (${ratio(cell.medianCpuMs, floor.medianCpuMs)}) |`;
  return [
    '| contender | documents read (transaction) | documents written | rows returned | median wall (ratio) | median CPU (ratio) |',
    '|---|---:|---:|---:|---:|---:|',
    row('floor', floor),
    row('convex-orm', cells['convex-orm']),
    row(`${COMPONENT} (hand-wired)`, cells[COMPONENT]),
  ];
}

/** The markdown section of the results. */
export function renderAggregates(results: AggregateResults): string[] {
  return [
    '## Aggregates',
    '',
    `Count one author's posts among ${results.posts} (\`count({ where: { authorId } })\`, served by aggregate index \`posts_by_author\`), against the floor reading the \`by_author\` range and \`@convex-dev/aggregate\` wired by hand (\`count\` of the author's namespace):`,
    '',
    ...componentTable(results.count),
    '',
    `\`groupBy({ by: ['status'], _count: true })\` over ${results.posts} posts (served by \`posts_by_status\`), against the floor reading every post:`,
    '',
    ...cellTable(results.groupBy),
    '',
    `Insert ${results.inserts} posts into a table with two aggregate indexes (one statement), against raw inserts and raw inserts each followed by \`insert\` into two hand-wired \`@convex-dev/aggregate\` aggregates (by author, by status):`,
    '',
    ...componentTable(results.insert),
    '',
    ...renderContention(results.contention),
    '',
  ];
}
