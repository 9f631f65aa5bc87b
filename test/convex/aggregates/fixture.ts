import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  type OrmWriter,
  text,
  textEnum,
  timestamp,
} from '../../../src/index';
import { getTableConfig, type TableConfig } from '../../../src/schema/table';

export const authors = convexTable('authors', { name: text().notNull() });
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    slug: text().unique(),
    authorId: id('authors')
      .notNull()
      .references(() => authors._id, { onDelete: 'cascade' }),
    status: textEnum(['draft', 'published']).notNull(),
    views: integer(),
    publishedAt: timestamp(),
  },
  (t) => [
    index('by_author').on(t.authorId),
    aggregateIndex('posts_by_author')
      .on(t.authorId)
      .count()
      .sum(t.views)
      .avg(t.views)
      .min(t.publishedAt)
      .max(t.publishedAt),
    aggregateIndex('posts_by_status_author').on(t.status, t.authorId).count().sum(t.views).min(t.views).max(t.views),
    aggregateIndex('posts_all').all().count(),
  ],
);
export const notes = convexTable('notes', { body: text().notNull(), rank: integer(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
  aggregateIndex('notes_by_rank').on(t.rank).count().shards(1),
]);

export const schema = defineSchema({ authors, posts, notes });
export const relations = defineRelations({ authors, posts, notes }, (r) => ({
  authors: { posts: r.many.posts() },
  posts: { author: r.one.authors({ from: r.posts.authorId, to: r.authors._id }) },
}));
export const orm = createOrm({ relations });
export const tables = [authors, posts, notes].map(getTableConfig);

export type Db = OrmWriter<typeof relations>;
export type Ctx = GenericMutationCtx<any>;

/**
 * Runs the backfill of every aggregate index to the end, as `convex-orm aggregate backfill`
 * does: `backfillNext` once per transaction until nothing remains. Returns the batches run.
 */
export async function backfillAll(
  t: ReturnType<typeof convexTest>,
  batchSize = 100,
  of: readonly TableConfig[] = tables,
): Promise<number> {
  for (let batches = 0; ; batches++) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, of, batchSize));
    if (step.batch === null) return batches;
  }
}

/** Inserts authors `a` and `b`; their ids. */
export function twoAuthors(db: Db) {
  return db
    .insert(authors)
    .values([{ name: 'a' }, { name: 'b' }])
    .returning({ _id: authors._id });
}

/** The fixture on convex-test; `run` hands `orm.db(ctx)` to one transaction. */
export function backend() {
  const t = convexTest(schema, modules);
  const run = <R>(fn: (db: Db, ctx: Ctx) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx as never), ctx as never));
  return { t, run };
}
