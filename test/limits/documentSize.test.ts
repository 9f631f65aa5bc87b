import { getConvexSize, getDocumentSize, type Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { convexSize, documentSize, patchedSize } from '../../src/limits/documentSize';

// convex 1.48 (the dev dependency) ships Convex's own sizing; the ORM's must agree with it.
const samples: Value[] = [
  null,
  true,
  0,
  -1.5,
  12n,
  '',
  'ascii',
  'é€😀',
  `${'x'.repeat(600)}😀`,
  new ArrayBuffer(7),
  [],
  [1, 'a', [null, { b: 2n }]],
  {},
  { a: 1, é: 'x', nested: { list: [true, false], bytes: new ArrayBuffer(2) } },
];

describe('documentSize', () => {
  it('sizes every value as convex/values getConvexSize does', () => {
    for (const value of samples) expect(convexSize(value)).toBe(getConvexSize(value));
    expect(convexSize({ skipped: undefined, kept: 1 } as never)).toBe(getConvexSize({ kept: 1 }));
  });

  it('estimates the system fields of a document without them as getDocumentSize does', () => {
    const body = { title: 'a', tags: ['x', 'y'], n: 3 };
    expect(documentSize(body)).toBe(getDocumentSize(body));
    const stored = { ...body, _id: 'k17abc', _creationTime: 1 };
    expect(documentSize(stored)).toBe(getDocumentSize(stored));
  });

  it('sizes a patched document from the old one as getDocumentSize sizes the merged document', () => {
    const old = { _id: 'k17abc', _creationTime: 1, title: 'a', n: 3, tags: ['x'] };
    const patches = [
      { n: 4 },
      { title: 'é€😀 longer', tags: [] },
      { extra: { b: 2n } },
      { n: null },
      { title: 'b', n: 1.5 },
    ];
    for (const patch of patches) {
      expect(patchedSize(documentSize(old), old, patch)).toBe(getDocumentSize({ ...old, ...patch } as never));
    }
  });
});
