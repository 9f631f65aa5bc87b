import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { diffSnapshots, rulesAccept } from '../../src/cli/schemaDiff';
import type { ColumnSnapshot, TableSnapshot } from '../../src/cli/snapshot';
import {
  arrayOf,
  custom,
  date,
  integer,
  json,
  number,
  objectOf,
  text,
  textEnum,
  timestamp,
  vector,
} from '../../src/index';
import { columnJson } from '../../src/migrations/columnJson';
import type { ColumnBuilder } from '../../src/schema/column';

// A column whose kind changes while its Convex validator stays (number() → integer(), text() →
// date(), vector(3) → vector(4), arrayOf(number()) → arrayOf(integer())) was no change to
// `migrate generate`: it compared validators only. `rulesAccept` compares what the ORM checks
// beyond them (valueProblem), so a narrowing is a type change (a migration) and a widening is not.
const column = (builder: ColumnBuilder) => columnJson(builder.definition);

describe('rulesAccept: does the new column take every value the old one did, beyond the validators?', () => {
  it.each<[string, ColumnBuilder, ColumnBuilder]>([
    ['integer → number', number(), integer()],
    ['timestamp → integer (whole milliseconds)', integer(), timestamp()],
    ['timestamp → number', number(), timestamp()],
    ["timestamp → timestamp({ mode: 'string' }) (the same milliseconds)", timestamp({ mode: 'string' }), timestamp()],
    ['date → text', text(), date()],
    ['vector(3) → vector(3)', vector(3), vector(3)],
    ['vector → arrayOf(number())', arrayOf(number().notNull()), vector(3)],
    ['arrayOf(integer()) → arrayOf(number())', arrayOf(number()), arrayOf(integer())],
    ['objectOf: a field integer → number', objectOf({ a: number() }), objectOf({ a: integer() })],
    [
      'objectOf: a new integer field (no stored value has it)',
      objectOf({ a: number(), b: integer() }),
      objectOf({ a: number() }),
    ],
    ['text → textEnum (the validators decide)', textEnum(['a']), text()],
  ])('accepts: %s', (_name, after, before) => {
    expect(rulesAccept(column(after), column(before))).toBe(true);
  });

  it.each<[string, ColumnBuilder, ColumnBuilder]>([
    ['number → integer', integer(), number()],
    ['number → timestamp', timestamp(), number()],
    ['integer → timestamp (its range)', timestamp(), integer()],
    ['text → date', date(), text()],
    ['textEnum → date', date(), textEnum(['a'])],
    ['vector(3) → vector(4)', vector(4), vector(3)],
    ['vector(4) → vector(3)', vector(3), vector(4)],
    ['arrayOf(number()) → vector(3)', vector(3), arrayOf(number().notNull())],
    ['arrayOf(number()) → arrayOf(integer())', arrayOf(integer()), arrayOf(number())],
    ['vector → arrayOf(integer())', arrayOf(integer().notNull()), vector(3)],
    ['custom(v.array(v.float64())) → arrayOf(integer())', arrayOf(integer().notNull()), custom(v.array(v.float64()))],
    ['objectOf: a field number → integer', objectOf({ a: integer() }), objectOf({ a: number() })],
    ['arrayOf(json()) → arrayOf(json().notNull()) (its nulls)', arrayOf(json().notNull()), arrayOf(json())],
  ])('narrows: %s', (_name, after, before) => {
    expect(rulesAccept(column(after), column(before))).toBe(false);
  });
});

describe('diffSnapshots: column kinds', () => {
  const table = (columns: Record<string, ColumnSnapshot>): TableSnapshot => ({
    columns,
    indexes: [],
    searchIndexes: [],
    vectorIndexes: [],
    constraints: [],
  });
  const diff = (before: ColumnSnapshot, after: ColumnSnapshot) =>
    diffSnapshots(
      { version: 1, tables: { t: table({ c: before }) } },
      { version: 1, tables: { t: table({ c: after }) } },
      { renames: [], drops: [] },
    );

  it('a narrowing is a type change; a widening a compatible note', () => {
    expect(diff(column(number()), column(integer())).migrations).toEqual([
      expect.objectContaining({ table: 't', changes: [expect.objectContaining({ kind: 'typeChanged', column: 'c' })] }),
    ]);
    expect(diff(column(integer()), column(number()))).toEqual({
      migrations: [],
      compatible: ['t.c: type widened; every stored value still passes.'],
      constraints: [],
    });
  });

  it('a snapshot written before dimensions, elements and fields were recorded: no change it cannot see', () => {
    const { dimensions: _, ...vector3 } = column(vector(3));
    const { element: __, ...numbers } = column(arrayOf(number()));
    expect(diff(vector3, column(vector(4))).migrations).toEqual([]);
    expect(diff(numbers, column(arrayOf(integer()))).migrations).toEqual([]);
  });
});
