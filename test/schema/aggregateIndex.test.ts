import { describe, expect, it } from 'vitest';
import {
  aggregateIndex,
  boolean,
  convexTable,
  deletion,
  getTableConfig,
  index,
  integer,
  json,
  text,
  timestamp,
} from '../../src/index';
import { schemaError } from './schemaError';

const columns = {
  authorId: text().notNull(),
  title: text(),
  views: integer(),
  published: boolean(),
  at: timestamp(),
  meta: json<{ a: number }>(),
};

describe('aggregateIndex', () => {
  it('resolves key and kept columns; min/max add an index on (key..., column) or reuse one', () => {
    const table = convexTable('posts', columns, (t) => [
      index('by_author_at').on(t.authorId, t.at),
      aggregateIndex('by_author').on(t.authorId).count().sum(t.views).avg(t.views).min(t.at).max(t.title),
      aggregateIndex('all').all().count().shards(1),
    ]);
    const config = getTableConfig(table);
    expect(config.aggregateIndexes).toEqual([
      {
        name: 'by_author',
        key: ['authorId'],
        count: true,
        sum: ['views'],
        avg: ['views'],
        min: ['at'],
        max: ['title'],
        summed: ['views'],
        extremaIndexes: { at: 'by_author_at', title: 'by_author_title' },
        shards: 4,
      },
      {
        name: 'all',
        key: [],
        count: true,
        sum: [],
        avg: [],
        min: [],
        max: [],
        summed: [],
        extremaIndexes: {},
        shards: 1,
      },
    ]);
    expect(config.indexes.map((i) => [i.name, i.fields, i.source])).toContainEqual([
      'by_author_title',
      ['authorId', 'title'],
      'aggregate',
    ]);
  });

  it.each([
    ['no key', (_t: any) => aggregateIndex('a').count(), /needs a key: \.on\(t\.column, \.\.\.\) or \.all\(\)/],
    ['nothing kept', (t: any) => aggregateIndex('a').on(t.authorId), /keeps nothing; add \.count\(\)/],
    [
      'sum of text',
      (t: any) => aggregateIndex('a').all().sum(t.title),
      /\.sum\(\) cannot use column "title" \(text\); use a number\(\), integer\(\) or bigint\(\) column/,
    ],
    [
      'avg of boolean',
      (t: any) => aggregateIndex('a').all().avg(t.published),
      /\.avg\(\) cannot use column "published" \(boolean\)/,
    ],
    ['min of json', (t: any) => aggregateIndex('a').all().min(t.meta), /\.min\(\) cannot use column "meta" \(json\)/],
    [
      'json key',
      (t: any) => aggregateIndex('a').on(t.meta).count(),
      /cannot use column "meta" \(json\); key columns must be/,
    ],
    ['bad name', (_t: any) => aggregateIndex('1a').all().count(), /Invalid index name "1a"/],
    [
      'twice in a key',
      (t: any) => aggregateIndex('a').on(t.authorId, t.authorId).count(),
      /lists column "authorId" twice/,
    ],
    [
      // Its extrema index would be (views, views): Convex refuses an index listing a field twice.
      'max of a key column',
      (t: any) => aggregateIndex('a').on(t.authorId, t.views).count().max(t.views),
      /cannot keep the min or max of "views": it is a key column/,
    ],
    [
      'five key columns',
      (t: any) => aggregateIndex('a').on(t.authorId, t.title, t.views, t.published, t.at).count(),
      /has 5 key columns; at most 4/,
    ],
    [
      'zero shards',
      (_t: any) => aggregateIndex('a').all().count().shards(0),
      /\.shards\(0\) must be an integer from 1 to 64/,
    ],
    [
      'fractional shards',
      (_t: any) => aggregateIndex('a').all().count().shards(1.5),
      /\.shards\(1\.5\) must be an integer/,
    ],
  ])('rejects %s with INVALID_SCHEMA naming the table', (_, make, message) => {
    const error = schemaError(() => convexTable('posts', columns, (t) => [make(t)]));
    expect(error).toEqual({ code: 'INVALID_SCHEMA', message: expect.stringMatching(message), table: 'posts' });
  });

  it('with deletion(): min/max indexes hold its column between key and column, so a read starts at a live row', () => {
    const table = convexTable('posts', columns, (t) => [
      deletion('soft', { column: t.at }),
      index('by_author_live_title').on(t.authorId, t.at, t.title),
      aggregateIndex('by_author').on(t.authorId).count().min(t.views).max(t.title),
      // Keyed by the deletion column: the key pins it already.
      aggregateIndex('by_at').on(t.at).max(t.views),
    ]);
    const config = getTableConfig(table);
    expect(config.aggregateIndexes.map((a) => [a.deletionColumn, a.extremaIndexes])).toEqual([
      ['at', { views: 'by_author_views', title: 'by_author_live_title' }],
      ['at', { views: 'by_at_views' }],
    ]);
    expect(config.indexes.filter((i) => i.source === 'aggregate').map((i) => [i.name, i.fields])).toEqual([
      ['by_author_views', ['authorId', 'at', 'views']],
      ['by_at_views', ['at', 'views']],
    ]);
  });

  it('with deletion(): rejects min/max of its column, null on every row counted', () => {
    const error = schemaError(() =>
      convexTable('posts', columns, (t) => [
        deletion('soft', { column: t.at }),
        aggregateIndex('by_author').on(t.authorId).max(t.at),
      ]),
    );
    expect(error).toEqual({
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(
        /"by_author" cannot keep the min or max of "at": it is the table's deletion\(\) column/,
      ),
      table: 'posts',
    });
  });

  it('rejects a column of another table and a duplicate name', () => {
    const other = convexTable('other', { n: integer() });
    expect(
      schemaError(() => convexTable('posts', columns, () => [aggregateIndex('a').all().sum(other.n)])).message,
    ).toMatch(/uses "other\.n", which is not a column of table "posts"/);
    expect(
      schemaError(() =>
        convexTable('posts', columns, (t) => [
          aggregateIndex('a').all().count(),
          aggregateIndex('a').on(t.authorId).count(),
        ]),
      ).message,
    ).toMatch(/defines aggregate index "a" twice/);
  });

  it('is immutable: each call returns a new definition', () => {
    const base = aggregateIndex('a').all();
    const counted = base.count();
    expect(base.config.count).toBe(false);
    expect(counted.config.count).toBe(true);
  });
});
