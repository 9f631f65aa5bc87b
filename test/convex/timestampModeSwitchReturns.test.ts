import { queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  selectValidator,
  text,
  timestamp,
} from '../../src/index';
import { callQuery, withQueries } from './returnsHarness';

// docs/schema.md: a timestamp "is stored as milliseconds since the epoch in both modes, so ...
// switching modes needs no migration", and in mode 'string' "rows read as new Date(ms).toISOString()";
// docs/tooling.md: its selectValidator field is v.string(). But timestamp() (number mode) writes any
// finite number, and a string-mode read hands back the raw number for one outside a Date's range
// (src/schema/codec.ts decodeColumnValue): the row breaks the returns validator (and its type) of a
// query after the switch, although every value in the table was written through the ORM.
const eventsBefore = convexTable('events', { name: text().notNull(), at: timestamp() });
const eventsAfter = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const ormBefore = createOrm({ relations: defineRelations({ events: eventsBefore }) });
const ormAfter = createOrm({ relations: defineRelations({ events: eventsAfter }) });

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

describe('switching a timestamp from number to string mode', () => {
  it('number mode takes the instants string mode reads back (years 0001-9999), so every row reads as a string after the switch', async () => {
    const t = withQueries(defineSchema({ events: eventsAfter }), {
      events: queryGeneric({
        args: {},
        returns: v.array(selectValidator(eventsAfter)),
        handler: (ctx) => ormAfter.db(ctx).query.events.findMany({ orderBy: { _creationTime: 'asc' } }),
      }),
    });
    // Written before the switch, through the ORM. A finite number past the range (1e300, or one a
    // Date holds but not with a four-digit year) is refused, as Postgres refuses a timestamp past 294276 AD.
    const values = [
      Date.UTC(2024, 0, 1),
      FIRST_INSTANT,
      LAST_INSTANT,
      FIRST_INSTANT - 1,
      LAST_INSTANT + 1,
      -1e16,
      8.64e15 + 1,
      1e300,
    ];
    const written = await t.run(async (ctx) => {
      const out: string[] = [];
      for (const at of values) {
        out.push(
          await ormBefore
            .db(ctx)
            .insert(eventsBefore)
            .values({ name: String(at), at })
            .then(
              () => 'stored',
              (error: { code?: string; details?: { column?: string }; message: string }) =>
                `${error.code} ${error.details?.column} ${error.message.includes('0001-01-01T00:00:00.000Z')}`,
            ),
        );
      }
      return out;
    });
    const refused = 'VALIDATION at true';
    expect(written).toEqual(['stored', 'stored', 'stored', refused, refused, refused, refused, refused]);
    const read = await callQuery(t, 'events').then(
      (rows) => (rows as { at: unknown }[]).map((row) => row.at),
      (error: Error) => error.message.split('\n')[0],
    );
    expect(read).toEqual(['2024-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']);
  });
});
