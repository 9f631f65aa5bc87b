import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, searchIndex, text } from '../../src/index';
import { introPosts, orm } from './searchFixture';

// Convex's limits on one text search (crates/search/src/constants.rs): at most 8 filter expressions
// (MAX_FILTER_CONDITIONS), and a search hands over at most 1,024 results: asking for the next one
// fails the query (MAX_CANDIDATE_REVISIONS in SearchResultIterator::next). Each result is loaded by id
// (Transaction::get_inner), a read range of its own. convex-test enforces none of this.

const outcome = (rows: unknown[]) => ({ rows: rows.length });
const failure = (error: { code?: string; message?: string; details?: unknown }) => ({
  code: error.code,
  message: error.message,
  details: error.details,
});

describe('a text search within Convex’s limits', () => {
  it('reads one range per result, as Convex loads each by id', async () => {
    const t = await introPosts(50);
    const reads = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).query.posts.findMany({ search: { index: 'search_title', query: 'intro' }, limit: 50 });
      return { ...reads };
    });
    expect(reads).toEqual({ documents: 50, ranges: 50 });
  });

  it('reads at most 1,024 results: asked for more, a typed error (Convex fails the query)', async () => {
    const t = await introPosts(1_030);
    const result = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      // Only the last rows pass the rest of the filter: the search would have to read past 1,024 results.
      const found = await orm
        .db(ctx)
        .query.posts.findMany({ search: { index: 'search_title', query: 'intro' }, where: { words: { gte: 1_027 } } })
        .then(outcome, failure);
      return { found, documents: reads.documents };
    });
    expect(result).toEqual({
      found: {
        code: 'SCAN_BUDGET_EXCEEDED',
        message:
          'Searching index "search_title" of "posts" would read past the 1024 results Convex hands over per search (the rest of the filter kept too few of them); narrow the search with equalities on the index\'s filter fields or more specific text, or ask for fewer rows.',
        details: { budget: 'searchResults', limit: 1_024, index: 'search_title' },
      },
      documents: 1_024,
    });
    // The same search filled within the first 1,024 results returns.
    const first = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({
          search: { index: 'search_title', query: 'intro' },
          where: { words: { gte: 1_000 } },
          limit: 3,
        })
        .then(outcome, failure),
    );
    expect(first).toEqual({ rows: 3 });
    // A page that would read past them fails too, though it holds rows: split there, it would be
    // followed by a page that reads up to the same results again and fails.
    const page = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.posts.paginate(
          { numItems: 100, cursor: null },
          { search: { index: 'search_title', query: 'intro' }, where: { words: { gte: 1_000 } } },
        )
        .then((result) => outcome(result.page), failure),
    );
    expect(page).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'searchResults' } });
  }, 60_000);

  it('puts at most 8 equalities into the search; the rest stay in the residual filter', async () => {
    const fields = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9'] as const;
    const docs = convexTable(
      'docs',
      Object.fromEntries([['body', text().notNull()], ...fields.map((f) => [f, text().notNull()])]) as Record<
        'body' | (typeof fields)[number],
        ReturnType<typeof text>
      >,
      (t) => [
        searchIndex('search_body')
          .on(t.body)
          .filter(...fields.map((f) => t[f])),
      ],
    );
    const nine = createOrm({ relations: defineRelations({ docs }) });
    const t = convexTest(defineSchema({ docs }), modules);
    await t.run(async (ctx) => {
      const row = Object.fromEntries(fields.map((f) => [f, 'x']));
      await ctx.db.insert('docs', { body: 'hello', ...row });
      await ctx.db.insert('docs', { body: 'hello', ...row, f9: 'y' });
    });
    const where = { f1: 'x', f2: 'x', f3: 'x', f4: 'x', f5: 'x', f6: 'x', f7: 'x', f8: 'x', f9: 'x' };
    const { rows, explained } = await t.run(async (ctx) => {
      const query = () => nine.db(ctx).query.docs.findMany({ search: { index: 'search_body', query: 'hello' }, where });
      return { rows: (await query()).map((row) => row.f9), explained: await query().explain() };
    });
    expect(rows).toEqual(['x']);
    expect(explained).toMatchObject({
      ranges: fields.slice(0, 8).map((f) => `${f} = "x"`),
      residual: 'f9 = "x"',
    });
  });
});

describe('search: undefined', () => {
  it('is refused like where: undefined, never read as no search', async () => {
    const t = await introPosts(2);
    const found = await t.run((ctx) =>
      orm.db(ctx).query.posts.findMany({ search: undefined, limit: 5 }).then(outcome, failure),
    );
    expect(found).toEqual({
      code: 'INVALID_QUERY',
      message: '"search" on "posts" is undefined; leave the key out for no search.',
      details: undefined,
    });
  });
});
