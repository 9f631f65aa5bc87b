// explain()._count names the reads a relation filter in the count's where (or in the counted
// table's read rule) makes per counted row (src/query/explain.ts existsPerRow), as a `with` load's
// explain does under `exists` and a select's embedded $count does: `_count: { posts: { where: {
// comments: { n: 1 } } } }` reads each counted post's comments (one by_post range per post); a read
// rule `{ item: {...} }` on notes makes `_count: { notes: true }` get each counted note's item.
// Found by review.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { world as itemsWorld, logged, type Opened, ruled as ruledItems } from '../../convex/explain/fixture';
import { plain, world } from './explainReviewFixture';

it('a _count whose where holds a relation filter: explain() names the related table it reads', async () => {
  const t = await world(3, 12, false);
  const out = await t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const q = plain.db(ctx).query.users.findMany({ limit: 3, _count: { posts: { where: { comments: { n: 1 } } } } });
    const explained = q.explain();
    await q;
    return { count: explained._count!.posts!, tables: [...new Set(log.map((e) => e.table))].sort() };
  });
  // What runs: the users, their posts, and each post's comments.
  expect(out.tables).toEqual(['comments', 'posts', 'users']);
  // What explain() says of the count must name the comments read.
  expect(out.count).toMatch(/; per row counted, exists comments: index by_post of comments, per parent, take\(1\)/);
});

it("a _count of a table whose read rule is a relation filter: explain() names the rule's reads", async () => {
  const { t } = await itemsWorld();
  const out = await t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const q = ruledItems.db(ctx).query.items.findMany({ limit: 3, _count: { notes: true } });
    const explained = q.explain();
    await q;
    const noteReads = log.findIndex((e) => e.table === 'notes');
    // Items read after the first notes range: the rule's item lookups of the counted notes.
    const ruleReads = log.slice(noteReads).filter((e) => e.table === 'items').length;
    return { count: explained._count!.notes!, ruleReads };
  });
  expect(out.ruleReads).toBeGreaterThan(0);
  // The count's description names the items its rule reads (`exists item`, or the items table; today
  // it only names notes' index by_item).
  expect(out.count).toMatch(/; per row counted, exists item: get on items, db\.get per distinct id$/);
});
