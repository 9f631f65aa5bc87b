import { describe, expect, it } from 'vitest';
import { asc, countDistinct, desc, eq } from '../../src/index';
import { authors, backend, posts } from './aggregates/fixture';

// A left join's missing partner is a row of NULLs, as in Postgres: it sorts, groups and compares
// tied with a stored null, so the next sort key decides.
async function world(withPostOf: 'a' | 'b') {
  const { run } = backend();
  const [a, b] = await run((db) =>
    db
      .insert(authors)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning({ _id: authors._id }),
  );
  const author = withPostOf === 'a' ? a! : b!;
  // One author has a post whose views is null; the other has no post.
  await run((db) => db.insert(posts).values({ title: 'x', authorId: author._id, status: 'draft', views: null }));
  return run;
}

describe('select: a left join with no partner reads as NULL', () => {
  for (const withPostOf of ['a', 'b'] as const) {
    for (const direction of [asc, desc]) {
      it(`order by the joined column (${direction.name}), then name: the name breaks the tie (post of ${withPostOf})`, async () => {
        const run = await world(withPostOf);
        const rows = await run((db) =>
          db
            .select({ name: authors.name, views: posts.views })
            .from(authors)
            .leftJoin(posts, eq(posts.authorId, authors._id))
            .orderBy(direction(posts.views), asc(authors.name)),
        );
        expect(rows).toEqual([
          { name: 'a', views: null },
          { name: 'b', views: null },
        ]);
      });
    }
  }

  it('selectDistinct and countDistinct see one NULL', async () => {
    const run = await world('a');
    const distinct = await run((db) =>
      db.selectDistinct({ views: posts.views }).from(authors).leftJoin(posts, eq(posts.authorId, authors._id)),
    );
    const grouped = await run((db) =>
      db
        .select({ views: posts.views, n: countDistinct(authors.name) })
        .from(authors)
        .leftJoin(posts, eq(posts.authorId, authors._id))
        .groupBy(posts.views),
    );
    expect(distinct).toEqual([{ views: null }]);
    expect(grouped).toEqual([{ views: null, n: 2 }]);
  });
});
