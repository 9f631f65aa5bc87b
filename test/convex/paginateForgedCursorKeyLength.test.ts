import { isOrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';
import { introPosts, orm as searchOrm } from './searchFixture';

// A plain cursor (no cursorSecret) is JSON [hash, key] with a 32-bit FNV-1a hash of the read
// description and the body (src/query/cursor.ts). Both are public (the package's source), so a
// client can write a cursor whose hash checks. decodeCursor then trusts the key's shape: a key of
// another length than the plan's sort key (3 fields here: rank, _creationTime, _id) reaches
// chainsAfter, which builds index ranges from it. docs/queries.md: "a cursor that is not one […]
// is INVALID_QUERY (start again with cursor: null)". Observed: a 6-part key fails with Convex's
// own Error 'Incorrect field used in `withIndex`, expected "_id", got "undefined"'; an empty key
// returns an empty page, silently ending the walk. A search cursor's position is the number of
// results read (src/query/pageSource.ts); a forged one that is no such count (0, 1.5, 'x', two
// values) was read as a count too: NaN or a fraction of results skipped.

// The seam: capture the plan a page encodes its cursors for, to write a cursor a client could.
const seen = vi.hoisted(() => ({ plan: undefined as unknown }));
vi.mock('../../src/query/cursor.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/query/cursor.js')>();
  return {
    ...actual,
    encodeCursor: (plan: Parameters<typeof actual.encodeCursor>[0], ...rest: [never, never?]) => {
      seen.plan = plan;
      return actual.encodeCursor(plan, ...rest);
    },
  };
});
const { encodeCursor } = await import('../../src/query/cursor.js');

const reason = (error: unknown) =>
  isOrmError(error) ? error.code : `${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;

describe('a cursor whose hash checks but whose key is not a key of the read', () => {
  it('is INVALID_QUERY, not a Convex error or an empty page', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('items', { status: 'a', rank: i, flag: true });
    });
    const config = { where: { status: 'a' }, orderBy: { rank: 'asc' }, columns: { rank: true } } as const;
    const page = (cursor: string | null) =>
      t.run((ctx) => orm.db(ctx).query.items.paginate({ numItems: 2, cursor }, config));
    await page(null);
    const plan = seen.plan as Parameters<typeof encodeCursor>[0];
    const tooLong = encodeCursor(plan, [1, 2, 3, 4, 5, 6]);
    const empty = encodeCursor(plan, []);
    const outcomes = [
      await page(tooLong).then(() => 'a page', reason),
      await page(empty).then((result) => `a page of ${result.page.length} rows, isDone ${result.isDone}`, reason),
    ];
    expect(outcomes).toEqual(['INVALID_QUERY', 'INVALID_QUERY']);
  });

  it('a search cursor whose position is no count of results read is INVALID_QUERY; a count goes on from there', async () => {
    const t = await introPosts(4);
    const search = { search: { index: 'search_title', query: 'intro' }, columns: { words: true } } as const;
    const page = (cursor: string | null) =>
      t.run((ctx) => searchOrm.db(ctx).query.posts.paginate({ numItems: 1, cursor }, search));
    await page(null);
    const plan = seen.plan as Parameters<typeof encodeCursor>[0];
    expect(plan.kind).toBe('search');
    const outcomes = [];
    for (const position of [[0], [1.5], ['x'], [1, 2], []]) {
      outcomes.push(await page(encodeCursor(plan, position)).then(() => 'a page', reason));
    }
    expect(outcomes).toEqual(['INVALID_QUERY', 'INVALID_QUERY', 'INVALID_QUERY', 'INVALID_QUERY', 'INVALID_QUERY']);
    const third = await page(encodeCursor(plan, [2]));
    expect(third.page).toHaveLength(1);
  });
});
