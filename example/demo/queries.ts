import type { GenericDatabaseWriter } from 'convex/server';
import type { QueryExplain } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { orm } from '../convex/orm';
import { section, show, startBackend } from './harness';

async function seed(db: GenericDatabaseWriter<any>): Promise<void> {
  const ada = await db.insert('users', { name: 'Ada', email: 'ada@x.dev', role: 'admin', verified: true, age: 36 });
  const bob = await db.insert('users', {
    name: 'Bob',
    email: 'bob@x.dev',
    role: 'member',
    verified: true,
    invitedBy: ada,
  });
  await db.insert('users', { name: 'Cy', email: 'cy@x.dev', role: 'member', verified: false, invitedBy: ada });
  const posts = [
    ['Intro to Convex', ada, 100],
    ['Indexes', ada, 200],
    ['Intro to ORMs', bob, 150],
    ['Bob again', bob, 300],
  ] as const;
  for (const [title, authorId, publishedAt] of posts) {
    const postId = await db.insert('posts', { title, authorId, publishedAt });
    await db.insert('comments', { postId, authorId: ada, body: `On ${title}` });
  }
}

/** One line per read of an `explain()` tree: how each table is read, then its relations indented. */
function printPlan(plan: QueryExplain, label = 'plan', indent = '  '): void {
  const via = plan.read === 'get' ? 'db.get' : plan.read === 'index' ? `index ${plan.index}` : 'no read';
  const ranges = plan.ranges.map((range) => range.replace(/"[^"]{20,}"/g, '"…"')).join(' | ');
  const parts = [`${plan.table} via ${via} [${ranges}]`, `order: ${plan.order}`];
  if (plan.residual) parts.push(`residual: ${plan.residual}`);
  if (plan.load) parts.push(`load: ${plan.load}`);
  if (plan.fullScan)
    parts.push(
      `full scan${plan.suggestedIndex ? ` (add index on ${plan.table}(${plan.suggestedIndex.join(', ')}))` : ''}`,
    );
  console.log(`${indent}${label}: ${parts.join('; ')}`);
  for (const [key, nested] of Object.entries(plan.exists ?? {})) printPlan(nested, `exists ${key}`, `${indent}  `);
  for (const [key, nested] of Object.entries(plan.with ?? {})) printPlan(nested, `with ${key}`, `${indent}  `);
}

/** Relational queries on the example app: results, `explain()` and what each read (countReads). */
export async function queriesDemo(): Promise<void> {
  const t = startBackend();
  await t.run((ctx) => seed(ctx.db));

  await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx);
    const measure = async <T>(title: string, query: PromiseLike<T> & { explain(): QueryExplain }) => {
      section(`Queries: ${title}`);
      printPlan(query.explain());
      const [documents, ranges] = [reads.documents, reads.ranges];
      show('result', await query);
      console.log(`reads: ${reads.documents - documents} documents, ${reads.ranges - ranges} index ranges`);
    };

    await measure(
      'users with their latest post (per-parent limit through by_author)',
      db.query.users.findMany({
        columns: { name: true },
        with: { posts: { columns: { title: true }, orderBy: { publishedAt: 'desc' }, limit: 1 } },
      }),
    );
    await measure(
      'comments with their post and author (one by _id, deduplicated db.get)',
      db.query.comments.findMany({
        columns: { body: true },
        with: { post: { columns: { title: true } }, author: { columns: { name: true } } },
      }),
    );
    await measure(
      'a relation filter: users who wrote an "Intro" post',
      db.query.users.findMany({ columns: { name: true }, where: { posts: { title: { like: 'Intro%' } } }, limit: 10 }),
    );
    await measure(
      'an in-list on a unique index: one range per value',
      db.query.users.findMany({
        columns: { name: true },
        where: { email: { in: ['cy@x.dev', 'ada@x.dev', 'zed@x.dev'] } },
      }),
    );
  });
}
