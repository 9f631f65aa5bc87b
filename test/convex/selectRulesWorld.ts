import { authors, backend, backfillAll, posts } from './aggregates/fixture';

/**
 * The aggregates fixture with 3 authors and 30 posts spread over them (published every 4th, a null
 * `views` every 5th, a null `publishedAt` every 7th), its aggregate indexes backfilled: the world
 * of the select-under-rules checks.
 */
export async function world() {
  const { t, run } = backend();
  const ids = await run(async (db) => {
    const [a, b, c] = await db
      .insert(authors)
      .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
      .returning({ _id: authors._id });
    await db.insert(posts).values(
      Array.from({ length: 30 }, (_, i) => ({
        title: `p${String(i).padStart(2, '0')}`,
        slug: `s${i}`,
        authorId: [a, b, c][i % 3]!._id,
        status: i % 4 === 0 ? ('published' as const) : ('draft' as const),
        views: i % 5 === 0 ? null : i * 7,
        publishedAt: i % 7 === 0 ? null : 1000 - i,
      })),
    );
    return { a: a!._id, b: b!._id, c: c!._id };
  });
  await backfillAll(t);
  return { t, ids };
}
