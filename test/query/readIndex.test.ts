import type { GenericDatabaseReader } from 'convex/server';
import { describe, expect, it } from 'vitest';
import type { IndexPlan, IndexRange } from '../../src/planner/types';
import { type Doc, readIndex } from '../../src/query/readIndex';

/** A database whose index ranges yield the given documents per `eq` value and record which iterators were closed. */
function fakeDb(rangeDocs: Record<string, Doc[]>) {
  const opened: { key: string; closed: boolean; done: boolean }[] = [];
  const db = {
    query: () => ({
      withIndex: (_index: string, build: (q: unknown) => unknown) => {
        let key = '';
        const builder = {
          eq: (_field: string, value: string) => {
            key = value;
            return builder;
          },
        };
        build(builder);
        return {
          order: () => ({
            [Symbol.asyncIterator]() {
              const state = { key, closed: false, done: false };
              opened.push(state);
              const docs = rangeDocs[key] ?? [];
              let i = 0;
              return {
                async next() {
                  if (i < docs.length) return { done: false, value: docs[i++]! };
                  state.done = true;
                  return { done: true, value: undefined };
                },
                async return() {
                  state.closed = true;
                  return { done: true, value: undefined };
                },
              };
            },
          }),
        };
      },
    }),
  } as unknown as GenericDatabaseReader<any>;
  return { db, opened };
}

function plan(ranges: IndexRange[]): IndexPlan {
  return {
    kind: 'index',
    table: 't',
    index: 'by_k',
    keyFields: ['k', '_creationTime'],
    ranges,
    prefixLength: 1,
    order: 'asc',
    orderBy: [],
    orderServed: true,
    sortKey: ['_creationTime', '_id'],
    residual: null,
    fullScan: false,
    suggestedIndex: null,
    rangeOverflow: null,
  };
}

const docs = (key: string, times: number[]) => times.map((t) => ({ _id: `${key}${t}`, k: key, _creationTime: t }));

async function firstOf(iterable: AsyncIterable<Doc>, count: number): Promise<Doc[]> {
  const taken: Doc[] = [];
  for await (const doc of iterable) {
    taken.push(doc);
    if (taken.length === count) break;
  }
  return taken;
}

describe('readIndex closes ranges a consumer stops reading', () => {
  it('one range: stopping early calls return() on it', async () => {
    const { db, opened } = fakeDb({ a: docs('a', [1, 2, 3]) });
    expect((await firstOf(readIndex(db, plan([{ eq: ['a'] }])), 1)).map((d) => d._id)).toEqual(['a1']);
    expect(opened).toEqual([{ key: 'a', closed: true, done: false }]);
  });

  it('merged ranges: every unfinished range is closed, the one just read from included', async () => {
    const { db, opened } = fakeDb({ a: docs('a', [1, 4]), b: docs('b', [2, 5]), c: docs('c', []) });
    const ranges = [{ eq: ['a'] }, { eq: ['b'] }, { eq: ['c'] }];
    expect((await firstOf(readIndex(db, plan(ranges)), 2)).map((d) => d._id)).toEqual(['a1', 'b2']);
    expect(opened).toEqual([
      { key: 'a', closed: true, done: false },
      { key: 'b', closed: true, done: false },
      { key: 'c', closed: false, done: true },
    ]);
  });

  it('merged ranges read to the end need no closing and come in index order', async () => {
    const { db, opened } = fakeDb({ a: docs('a', [1, 4]), b: docs('b', [2, 3]) });
    const all = await firstOf(readIndex(db, plan([{ eq: ['a'] }, { eq: ['b'] }])), 100);
    expect(all.map((d) => d._id)).toEqual(['a1', 'b2', 'b3', 'a4']);
    expect(opened.every((state) => state.done && !state.closed)).toBe(true);
  });
});

describe('readIndex merges chains of ranges, each read one range after another', () => {
  const chains = [[{ eq: ['a'] }, { eq: ['c'] }], [{ eq: ['b'] }]];
  const rangeDocs = { a: docs('a', [1, 4]), b: docs('b', [2, 5]), c: docs('c', [6, 7]) };

  it("opens a chain's next range only when the one before it ends (one row ahead per chain, not per range)", async () => {
    const { db, opened } = fakeDb(rangeDocs);
    expect((await firstOf(readIndex(db, plan([]), chains), 2)).map((d) => d._id)).toEqual(['a1', 'b2']);
    expect(opened).toEqual([
      { key: 'a', closed: true, done: false },
      { key: 'b', closed: true, done: false },
    ]);
  });

  it('reads every chain to its end in index order, and closes the range a chain is on', async () => {
    const { db, opened } = fakeDb(rangeDocs);
    const all = await firstOf(readIndex(db, plan([]), chains), 100);
    expect(all.map((d) => d._id)).toEqual(['a1', 'b2', 'a4', 'b5', 'c6', 'c7']);
    expect(opened.every((state) => state.done && !state.closed)).toBe(true);
    const { db: again, opened: reopened } = fakeDb(rangeDocs);
    expect((await firstOf(readIndex(again, plan([]), chains), 5)).map((d) => d._id)).toEqual(
      all.slice(0, 5).map((d) => d._id),
    );
    expect(reopened).toEqual([
      { key: 'a', closed: false, done: true },
      { key: 'b', closed: false, done: true },
      { key: 'c', closed: true, done: false },
    ]);
  });
});
