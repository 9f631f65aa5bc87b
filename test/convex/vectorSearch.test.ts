import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  text,
  timestamp,
  vector,
  vectorIndex,
} from '../../src/index';
import { orm, schema } from './searchFixture';

// Vector search runs in actions (DESIGN.md section 14). convex-test scores by brute-force cosine
// similarity over every document that passes the filter (no approximate index, no 1,024 cap):
// these tests assert the ids, their order by score, the option checks and the loading query.
async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    const rows = [
      ['east', 'published', [1, 0]],
      ['north', 'published', [0, 1]],
      ['north-east', 'published', [1, 1]],
      ['east draft', 'draft', [1, 0.1]],
      ['west', 'published', [-1, 0]],
    ] as const;
    for (const [title, status, embedding] of rows) {
      await ctx.db.insert('posts', { title, status, authorId: ada, embedding: [...embedding] });
    }
  });
  return t;
}

describe('vectorSearch', () => {
  it('returns { _id, _score } by descending score, filtered; findMany by _id in keeps that order, with relations', async () => {
    const t = await seeded();
    const results = await t.action((ctx) =>
      orm.vectorSearch(ctx, 'posts', {
        index: 'by_embedding',
        vector: [1, 0.2],
        limit: 3,
        filter: { status: 'published' },
      }),
    );
    expect(results.map((result) => typeof result._score)).toEqual(['number', 'number', 'number']);
    expect(results[0]!._score).toBeGreaterThan(results[1]!._score);
    const { rows, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.posts.findMany({
        where: { _id: { in: results.map((result) => result._id) } },
        columns: { title: true },
        with: { author: { columns: { name: true } } },
      });
      return { rows, reads: { ...reads } };
    });
    expect(rows).toEqual([
      { title: 'east', author: { name: 'Ada' } },
      { title: 'north-east', author: { name: 'Ada' } },
      { title: 'north', author: { name: 'Ada' } },
    ]);
    // 3 posts and their one author, each by id.
    expect(reads).toEqual({ documents: 4, ranges: 4 });
  });

  it('a filter with several values is an OR; bad options are INVALID_QUERY before the search', async () => {
    const t = await seeded();
    const titles = await t.action(async (ctx) => {
      const found = await orm.vectorSearch(ctx, 'posts', {
        index: 'by_embedding',
        vector: [1, 0],
        filter: { status: ['draft', 'published'] },
      });
      return found.length;
    });
    expect(titles).toBe(5);
    const messages = await t.action(async (ctx) => {
      const attempts = [
        { index: 'nope', vector: [1, 0] },
        { index: 'by_embedding', vector: [1, 0, 0] },
        { index: 'by_embedding', vector: [1, 0], limit: 257 },
        { index: 'by_embedding', vector: [1, 0], filter: { title: 'east' } },
        { index: 'by_embedding', vector: [1, 0], filter: { status: 'a', title: 'b' } },
        // Convex would read eq(field, undefined) as "field absent": an optional argument passed through.
        { index: 'by_embedding', vector: [1, 0], filter: { status: undefined } },
        { index: 'by_embedding', vector: [1, 0], filter: { status: ['published', undefined] } },
        { index: 'by_embedding', vector: [1, 0], filter: { status: Array.from({ length: 65 }, (_, i) => `s${i}`) } },
      ];
      return Promise.all(
        attempts.map((options) =>
          orm.vectorSearch(ctx, 'posts', options as never).then(
            () => 'resolved',
            (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
          ),
        ),
      );
    });
    expect(messages).toEqual([
      'INVALID_QUERY: vectorSearch on "posts": "nope" is no vector index of the table; its vector indexes: "by_embedding".',
      'INVALID_QUERY: vectorSearch on "posts": "vector" must be 2 finite numbers (index "by_embedding").',
      'INVALID_QUERY: vectorSearch on "posts": "limit" must be an integer from 1 to 256; got 257.',
      'INVALID_QUERY: vectorSearch on "posts": "title" is no filter field of index "by_embedding" (status).',
      'INVALID_QUERY: vectorSearch on "posts": filter takes one filter field, { field: value or [values] }, or an OR of such filters, { OR: [{ a: x }, { b: y }] }.',
      'INVALID_FILTER: vectorSearch on "posts": the filter value of "status" is undefined; it never widens the search: leave `filter` out to search without one.',
      'INVALID_FILTER: vectorSearch on "posts": item 1 of the filter list of "status" is undefined; it never widens the search: leave it out of the list.',
      'INVALID_QUERY: vectorSearch on "posts": filter takes at most 64 values; got 65.',
    ]);
  });

  it('a filter of 64 values is searched; an empty list matches nothing, without a search', async () => {
    const t = await seeded();
    const counts = await t.action(async (ctx) => {
      let searches = 0;
      const counted = {
        vectorSearch: (...args: Parameters<typeof ctx.vectorSearch>) => {
          searches++;
          return ctx.vectorSearch(...args);
        },
      };
      const status = (n: number) => [...Array.from({ length: n - 1 }, (_, i) => `s${i}`), 'published'];
      const many = await orm.vectorSearch(counted, 'posts', {
        index: 'by_embedding',
        vector: [1, 0],
        filter: { status: status(64) },
      });
      const none = await orm.vectorSearch(counted, 'posts', {
        index: 'by_embedding',
        vector: [1, 0],
        filter: { status: [] },
      });
      return { many: many.length, none: none.length, searches };
    });
    expect(counts).toEqual({ many: 4, none: 0, searches: 1 });
  });

  it('a value listed twice counts once against the 64: 70 items of 40 distinct values are searched, with each distinct value once', async () => {
    const t = await seeded();
    const out = await t.action(async (ctx) => {
      const filters: string[] = [];
      const recorded = {
        vectorSearch: (table: any, index: any, query: any) => {
          const eqs: string[] = [];
          query.filter?.({
            or: (...parts: unknown[]) => parts,
            eq: (_field: string, value: string) => eqs.push(value),
          });
          filters.push(...eqs);
          return ctx.vectorSearch(table, index, query);
        },
      };
      const distinct = [...Array.from({ length: 39 }, (_, i) => `s${i}`), 'published'];
      const found = await orm.vectorSearch(recorded as never, 'posts', {
        index: 'by_embedding',
        vector: [1, 0],
        filter: { status: [...distinct, ...distinct.slice(0, 30)] },
      });
      return { found: found.length, filters };
    });
    expect(out.found).toBe(4);
    expect(out.filters).toHaveLength(40);
    expect(new Set(out.filters).size).toBe(40);
  });

  it("a filter value is the column's application value: a string-mode timestamp matches as findMany's does", async () => {
    const t = convexTest(eventSchema, modules);
    const day = '2026-05-01T00:00:00.000Z';
    await t.run((ctx) =>
      eventOrm
        .db(ctx)
        .insert(events)
        .values([
          { title: 'a', day, embedding: [1, 0] },
          { title: 'b', day: '2026-06-01T00:00:00.000Z', embedding: [1, 0] },
        ]),
    );
    const byQuery = await t.run((ctx) =>
      eventOrm.db(ctx).query.events.findMany({ where: { day }, columns: { _id: true } }),
    );
    const found = await t.action((ctx) =>
      eventOrm.vectorSearch(ctx, 'events', { index: 'by_embedding', vector: [1, 0], filter: { day } }),
    );
    expect(found.map((hit) => hit._id)).toEqual(byQuery.map((row) => row._id));
    expect(found).toHaveLength(1);
  });
});

// Events by day (string-mode timestamp, stored as milliseconds), searchable by embedding within a day.
const events = convexTable(
  'events',
  { title: text().notNull(), day: timestamp({ mode: 'string' }).notNull(), embedding: vector(2).notNull() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).dimensions(2).filter(t.day)],
);
const eventSchema = defineSchema({ events });
const eventOrm = createOrm({ relations: defineRelations({ events }) });
