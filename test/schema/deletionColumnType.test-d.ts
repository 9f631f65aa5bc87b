import { describe, it } from 'vitest';
import { boolean, convexTable, deletion, integer, number, text, timestamp } from '../../src/index';

// deletion()'s column must be "a nullable timestamp(), number() or integer() column (it holds the
// deletion time)": anything else is INVALID_SCHEMA when the table is defined (tableIndexes.ts,
// deletionConfig). The column's kind and notNull are in its type, so the types can say so too;
// today `column: AnyColumn` accepts any column and the mistake surfaces only at run time.
describe('deletion() column types', () => {
  it('accepts nullable timestamp/number/integer columns', () => {
    convexTable('a', { at: timestamp(), n: number(), i: integer(), s: timestamp({ mode: 'string' }) }, (t) => [
      deletion('soft', { column: t.at }),
    ]);
    convexTable('b', { i: integer() }, (t) => [deletion('scheduled', { column: t.i, delayMs: 1 })]);
  });

  it('rejects, as the run time does, a text, boolean or notNull column', () => {
    convexTable('c', { name: text(), flag: boolean(), at: timestamp().notNull() }, (t) => [
      // @ts-expect-error a text column cannot hold the deletion time
      deletion('soft', { column: t.name }),
      // @ts-expect-error a boolean column cannot hold the deletion time
      deletion('soft', { column: t.flag }),
      // @ts-expect-error a notNull column cannot be null on live rows
      deletion('scheduled', { column: t.at, delayMs: 1000 }),
    ]);
  });

  it('rejects a column with a default or an update function (live rows hold null)', () => {
    convexTable('d', { at: timestamp().defaultNow(), up: timestamp().$onUpdate(() => Date.now()) }, (t) => [
      // @ts-expect-error a default would insert rows deleted already
      deletion('soft', { column: t.at }),
      // @ts-expect-error an update function would soft-delete every updated row
      deletion('soft', { column: t.up }),
    ]);
  });
});
