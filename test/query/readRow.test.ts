import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, integer, text, timestamp } from '../../src/index';
import { readRow } from '../../src/query/readRow';

const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }), n: integer() });
const table = getTableConfig(events);

describe('readRow', () => {
  it('returns the stored document itself when nothing changes', () => {
    const doc = { _id: 'x', _creationTime: 1, name: 'a', at: null, n: 2 };
    expect(readRow(table, doc)).toBe(doc);
  });

  it('reads an absent nullable column as null and decodes string-mode timestamps, on a copy', () => {
    const doc = { _id: 'x', _creationTime: 1, name: 'a', at: 5 };
    const row = readRow(table, doc);
    expect(row).toEqual({ _id: 'x', _creationTime: 1, name: 'a', at: '1970-01-01T00:00:00.005Z', n: null });
    expect(doc).toEqual({ _id: 'x', _creationTime: 1, name: 'a', at: 5 });
  });
});
