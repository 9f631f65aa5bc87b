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
  integer,
} from 'convex-orm';
import { backfillNext } from 'convex-orm/migrations';
import { convexTest } from 'convex-test';
import { type AccessSets, conflicts, recordingDb } from './accessSets.js';
import {
  type AggregatedPost,
  componentInternals,
  postsByAuthor,
  registerAggregate,
  runInComponent,
} from './aggregateComponent.js';
import { type Backend, moduleMap } from './backend.js';

// What decides whether concurrent inserts under one aggregate key serialize: Convex runs
// mutations optimistically and retries one whose reads another committed transaction wrote.
// convex-test runs transactions one at a time, so conflicts cannot happen there; instead this
// records each insert's read and write sets (document ids) and checks which pairs intersect,
// for the ORM's buckets (sharded by default, and with `.shards(1)`: one bucket per key) and for
// the @convex-dev/aggregate B-tree (lazy root, the default).
// Index ranges read are not recorded: both designs read point ranges of existing documents
// in the steady state measured here (the key's bucket exists, the B-tree is built).

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');

/** The schema and ORM of posts counted per author, with `shards` buckets per key. */
function ormDesign(shards?: number) {
  const authors = convexTable('authors', {});
  const posts = convexTable('posts', { authorId: id('authors').notNull(), views: integer() }, (t) => {
    const byAuthor = aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views);
    return [shards === undefined ? byAuthor : byAuthor.shards(shards)];
  });
  const relations = defineRelations({ authors, posts });
  return {
    posts,
    schema: defineSchema({ authors, posts }),
    orm: createOrm({ relations }),
    tables: [authors, posts].map(getTableConfig),
  };
}

const COMPONENT = '@convex-dev/aggregate';
/** The ORM designs measured; the component's runs on the default one's schema (its tables unused). */
const DESIGNS = { 'convex-orm': ormDesign(), 'convex-orm, .shards(1)': ormDesign(1), [COMPONENT]: ormDesign() };
type Design = keyof typeof DESIGNS;
type Authors = [GenericId<'authors'>, GenericId<'authors'>];

/** Per design: the cost of one insert and how often pairs of inserts conflict. */
export type ContentionResult = {
  design: Design;
  seeded: number;
  /** Documents one insert reads and writes (median over the recorded inserts), the post itself included. */
  read: number;
  written: number;
  /** Pairs of inserts under one key whose sets intersect, of all pairs. */
  sameKey: { conflicting: number; pairs: number };
  /** Pairs of inserts under two different keys whose sets intersect, of all pairs. */
  otherKey: { conflicting: number; pairs: number };
  /** `Promise.all` of concurrent inserts under one key on convex-test: how many committed, and the count after. */
  concurrent: { started: number; committed: number; count: number };
};

async function insertOrm(design: Design, t: Backend, author: GenericId<'authors'>, views: number): Promise<AccessSets> {
  const { orm, posts } = DESIGNS[design];
  const sets: AccessSets = { read: new Set(), written: new Set() };
  await t.run((ctx) =>
    orm
      .db({ ...ctx, db: recordingDb(ctx.db as any, sets) } as any)
      .insert(posts)
      .values({ authorId: author, views }),
  );
  return sets;
}

async function insertComponent(t: Backend, author: GenericId<'authors'>, views: number): Promise<AccessSets> {
  const sets: AccessSets = { read: new Set(), written: new Set() };
  const post = await t.run(async (ctx) => {
    const id = await ctx.db.insert('posts', { authorId: author, views });
    sets.written.add(id);
    return (await ctx.db.get(id)) as unknown as AggregatedPost;
  });
  // What `postsByAuthor.insert(ctx, post)` runs in the component (`public.insert`), through a recording db.
  const { assertNoPendingOperations, insertHandler } = await componentInternals();
  await runInComponent(t, async (ctx) => {
    const recorded = { ...ctx, db: recordingDb(ctx.db, sets) };
    await assertNoPendingOperations(recorded);
    await insertHandler(recorded, { key: post._creationTime, value: post._id, summand: views, namespace: author });
  });
  return sets;
}

/** One insert of a post, keeping the design's aggregate. */
async function insertPost(design: Design, ctx: any, row: { authorId: GenericId<'authors'>; views: number }) {
  const { orm, posts } = DESIGNS[design];
  if (design !== COMPONENT) return orm.db(ctx).insert(posts).values(row);
  const id = await ctx.db.insert('posts', row);
  await postsByAuthor.insert(ctx, (await ctx.db.get(id))!);
}

async function seed(design: Design, perAuthor: number): Promise<{ t: Backend; authors: Authors }> {
  const { orm, posts, schema, tables } = DESIGNS[design];
  const t = convexTest(schema, moduleMap(exampleDir));
  if (design === COMPONENT) await registerAggregate(t);
  const ids = (await t.run(async (ctx) => [
    await ctx.db.insert('authors', {}),
    await ctx.db.insert('authors', {}),
  ])) as Authors;
  for (let done = 0; done < perAuthor; done += 500) {
    await t.run(async (ctx) => {
      const rows = Array.from({ length: Math.min(500, perAuthor - done) * 2 }, (_, i) => ({
        authorId: ids[i % 2]!,
        views: i,
      }));
      if (design !== COMPONENT)
        return orm
          .db(ctx as any)
          .insert(posts)
          .values(rows);
      for (const row of rows) await insertPost(design, ctx, row);
    });
  }
  if (design !== COMPONENT) while ((await t.run((ctx) => backfillNext(ctx.db as any, tables, 1000))).batch);
  return { t, authors: ids };
}

function pairs(a: readonly AccessSets[], b: readonly AccessSets[], same: boolean) {
  let conflicting = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = same ? i + 1 : 0; j < b.length; j++) {
      count++;
      if (conflicts(a[i]!, b[j]!).length > 0) conflicting++;
    }
  }
  return { conflicting, pairs: count };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function measure(design: Design, perAuthor: number, inserts: number): Promise<ContentionResult> {
  const {
    t,
    authors: [a, b],
  } = await seed(design, perAuthor);
  const insert = design === COMPONENT ? insertComponent : insertOrm.bind(null, design);
  const underA: AccessSets[] = [];
  const underB: AccessSets[] = [];
  for (let i = 0; i < inserts; i++) {
    underA.push(await insert(t, a, i));
    underB.push(await insert(t, b, i));
  }
  const all = [...underA, ...underB];
  const started = 10;
  const settled = await Promise.allSettled(
    Array.from({ length: started }, (_, i) => t.run((ctx) => insertPost(design, ctx, { authorId: a, views: i }))),
  );
  const count = await t.run((ctx) =>
    design === COMPONENT
      ? postsByAuthor.count(ctx as any, { namespace: a, bounds: {} } as never)
      : DESIGNS[design].orm.db(ctx as any).query.posts.count({ where: { authorId: a } }),
  );
  return {
    design,
    seeded: perAuthor * 2,
    read: median(all.map((sets) => sets.read.size)),
    written: median(all.map((sets) => sets.written.size)),
    sameKey: pairs(underA, underA, true),
    otherKey: pairs(underA, underB, false),
    concurrent: { started, committed: settled.filter((s) => s.status === 'fulfilled').length, count },
  };
}

/** Every design, each seeded with `perAuthor` posts for each of two authors, then `inserts` recorded inserts per author. */
export async function runContention(perAuthor: number, inserts = 20): Promise<ContentionResult[]> {
  const results: ContentionResult[] = [];
  for (const design of Object.keys(DESIGNS) as Design[]) results.push(await measure(design, perAuthor, inserts));
  return results;
}

/** The markdown table of the contention measurement. */
export function renderContention(results: readonly ContentionResult[]): string[] {
  const fraction = ({ conflicting, pairs }: { conflicting: number; pairs: number }) =>
    `${conflicting} of ${pairs} (${Math.round((100 * conflicting) / pairs)}%)`;
  return [
    `Concurrent inserts: each insert's read and write sets (document ids) recorded on ${results[0]!.seeded} posts of two authors; a pair conflicts under Convex's optimistic concurrency when one writes a document the other reads or writes. convex-test runs transactions one at a time, so \`Promise.all\` of ${results[0]!.concurrent.started} inserts under one key only shows that all commit there:`,
    '',
    '| design | documents read per insert | documents written per insert | same-key pairs that conflict | different-key pairs that conflict | Promise.all committed (count after) |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.design} | ${r.read} | ${r.written} | ${fraction(r.sameKey)} | ${fraction(r.otherKey)} | ${r.concurrent.committed}/${r.concurrent.started} (${r.concurrent.count}) |`,
    ),
  ];
}
