import { describe, expect, it } from 'vitest';
import { documentSize } from '../../src/limits/documentSize';
import { KnownDocuments } from '../../src/limits/knownDocuments';

// What the meter knows of a stored document's size is exact or an upper bound, never less: a read
// that started before a raw write of the document may return it as it was.
const doc = { _id: 'notes:1', _creationTime: 1, body: 'x'.repeat(50) };
const size = documentSize(doc);

describe('KnownDocuments', () => {
  it('remembers the size of a document read', () => {
    const known = new KnownDocuments();
    expect(known.read(doc, known.rawWrites)).toBe(size);
    expect([known.storedSize('notes:1'), known.hasExactSize('notes:1')]).toEqual([size, true]);
  });

  it('a read started before a raw patch does not replace the upper bound the patch left', () => {
    const known = new KnownDocuments();
    const since = known.rawWrites;
    known.patchedRaw('notes:1', 5_000);
    known.read(doc, since);
    expect([known.storedSize('notes:1'), known.hasExactSize('notes:1')]).toEqual([5_000, false]);
  });

  it('a read started after the raw patch knows the size exactly again', () => {
    const known = new KnownDocuments();
    known.patchedRaw('notes:1', 5_000);
    known.read(doc, known.rawWrites);
    expect([known.storedSize('notes:1'), known.hasExactSize('notes:1')]).toEqual([size, true]);
  });

  it('a read started before a raw write of another document still remembers one not known', () => {
    const known = new KnownDocuments();
    const since = known.rawWrites;
    known.patchedRaw('notes:2', 5_000);
    known.read(doc, since);
    expect(known.storedSize('notes:1')).toBe(size);
  });

  it('a read started before a raw write of another document knows its size exactly', () => {
    const known = new KnownDocuments();
    known.patchedRaw('notes:1', 5_000);
    const since = known.rawWrites;
    known.patchedRaw('notes:2', 5_000);
    known.read(doc, since);
    expect([known.storedSize('notes:1'), known.hasExactSize('notes:1')]).toEqual([size, true]);
  });
});
