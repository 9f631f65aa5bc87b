// An inner join whose ON matches no row because its conditions on the rows so far contradict each
// other (`gt(users.age, 5), lt(users.age, 3)` beside the key) empties the select as one whose
// lookup matches nothing does: 0 rows, 0 documents read, explain() `read: 'none'`, and strict does
// not refuse it (docs/queries.md: an inner join whose `on` matches no row empties the select).
import { expect, it } from 'vitest';
import { and, eq, gt, lt } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { plain, posts, strictPlain, users, world } from './worldFixture';

const on = () => and(eq(posts.authorId, users._id), gt(users.age, 5), lt(users.age, 3));

it('an inner join whose ON contradicts itself on the base table reads no base row', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const q = plain.db(ctx).select().from(users).innerJoin(posts, on());
    const ex = await q.explain();
    const rows = await q;
    return { read: ex.read, rows: rows.length, documents: reads.documents };
  });
  expect(out).toEqual({ read: 'none', rows: 0, documents: 0 });
});

it('strict mode does not refuse it', async () => {
  const { t } = await world();
  const rows = await t.run((ctx) => strictPlain.db(ctx).select().from(users).innerJoin(posts, on()));
  expect(rows).toEqual([]);
});
