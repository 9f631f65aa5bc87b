import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, integer, text, timestamp } from '../../src/index';
import { readRow } from '../../src/query/readRow';

const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'date' }), n: integer() });
const table = getTableConfig(events);

describe('readRow', () => {
  it('returns the stored document itself when nothing changes', () => {
    const doc = { _id: 'x', _creationTime: 1, name: 'a', at: null, n: 2 };
    expect(readRow(table, doc)).toBe(doc);
  });

  it('reads an absent nullable column as null and decodes date-mode timestamps, on a copy', () => {
    const doc = { _id: 'x', _creationTime: 1, name: 'a', at: 5 };
    const row = readRow(table, doc);
    expect(row).toEqual({ _id: 'x', _creationTime: 1, name: 'a', at: new Date(5), n: null });
    expect(doc).toEqual({ _id: 'x', _creationTime: 1, name: 'a', at: 5 });
  });
});
