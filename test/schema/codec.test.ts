import { describe, expect, it } from 'vitest';
import { arrayOf, integer, number, objectOf, text } from '../../src/index';
import { encodeColumnValue, isCalendarDate, storedColumnValue } from '../../src/schema/codec';
import { getTableConfig } from '../../src/schema/table';
import { codes, fixtureBackend } from '../mutation/fixture';

const stringTimestamp = getTableConfig(codes).columns.seenAt!.definition;

describe('isCalendarDate', () => {
  it('takes every day that exists from 0001-01-01 to 9999-12-31, leap days included', () => {
    for (const day of [
      '0001-01-01',
      '0099-12-31',
      '0100-03-01',
      '1900-02-28',
      '2000-02-29',
      '2024-02-29',
      '9999-12-31',
    ]) {
      expect([day, isCalendarDate(day)]).toEqual([day, true]);
    }
  });

  it('refuses days that do not exist, year 0000, and other forms', () => {
    for (const day of [
      '2024-02-30',
      '1900-02-29',
      '2023-02-29',
      '2026-13-01',
      '2026-04-31',
      '0000-01-01',
      '2024-2-01',
      20240201,
    ]) {
      expect([day, isCalendarDate(day)]).toEqual([day, false]);
    }
  });
});

describe('storedColumnValue: integer() writes -0 as 0', () => {
  const negativeZeros = (value: unknown): number =>
    Object.is(value, -0)
      ? 1
      : value && typeof value === 'object'
        ? Object.values(value).reduce((n: number, item) => n + negativeZeros(item), 0)
        : 0;

  it('in a column, an arrayOf element and an objectOf field, at any depth', () => {
    const nested = arrayOf(objectOf({ n: integer().notNull(), xs: arrayOf(integer()) }).notNull()).definition;
    const value = [{ n: -0, xs: [1, -0, null] }, { n: 2 }];
    const stored = storedColumnValue(nested, value);
    expect(stored).toEqual([{ n: 0, xs: [1, 0, null] }, { n: 2 }]);
    expect(negativeZeros(stored)).toBe(0);
    expect(negativeZeros(value)).toBe(2); // the given value is copied, not changed
    expect(Object.is(storedColumnValue(integer().definition, -0), 0)).toBe(true);
  });

  it('leaves number() -0 (a value apart from 0 in Convex) and values without -0 as they are', () => {
    const numbers = arrayOf(number().notNull()).definition;
    const value = [-0, 1];
    expect(storedColumnValue(numbers, value)).toBe(value);
    expect(storedColumnValue(arrayOf(integer().notNull()).definition, [0, 1])).toEqual([0, 1]);
    const date = new Date(0);
    expect(storedColumnValue(objectOf({ n: integer() }).definition, date)).toBe(date);
    expect(storedColumnValue(objectOf({ a: text() }).definition, { a: 'x' })).toEqual({ a: 'x' });
  });
});

describe('encodeColumnValue (timestamp string mode)', () => {
  it('stores an ISO date-time as milliseconds, but leaves one naming a day that does not exist for validation', () => {
    expect(encodeColumnValue(stringTimestamp, '2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    // Date.parse reads this as March 1: Postgres refuses it ("date/time field value out of range").
    expect(encodeColumnValue(stringTimestamp, '2024-02-30T00:00:00Z')).toBe('2024-02-30T00:00:00Z');
  });
});

describe('date and timestamp columns in statements', () => {
  it('date() takes the years 0001 to 0099 (Date.UTC would read them as 1900 to 1999)', async () => {
    const { run } = fixtureBackend();
    const rows = await run((db) =>
      db
        .insert(codes)
        .values([
          { code: 'a', day: '0001-01-01' },
          { code: 'b', day: '0099-12-31' },
        ])
        .returning(),
    );
    expect(rows.map((row) => row.day)).toEqual(['0001-01-01', '0099-12-31']);
  });

  it('timestamp({ mode: "string" }) refuses a date-time on a day that does not exist (VALIDATION), not March 1', async () => {
    const { run } = fixtureBackend();
    const result = await run((db) =>
      db
        .insert(codes)
        .values({ seenAt: '2024-02-30T00:00:00Z' })
        .then(
          () => 'written',
          (error) => error.code,
        ),
    );
    expect(result).toBe('VALIDATION');
  });
});
