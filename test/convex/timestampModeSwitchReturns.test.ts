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

describe('switching a timestamp from number to string mode', () => {
  it('every row the ORM wrote in number mode reads in string mode as a string its selectValidator accepts', async () => {
    const t = withQueries(defineSchema({ events: eventsAfter }), {
      events: queryGeneric({
        args: {},
        returns: v.array(selectValidator(eventsAfter)),
        handler: (ctx) => ormAfter.db(ctx).query.events.findMany({ orderBy: { _creationTime: 'asc' } }),
      }),
    });
    // Written before the switch, through the ORM (number mode takes them: they are finite numbers).
    const written = await t.run(async (ctx) => {
      const out: Record<string, string> = {};
      for (const at of [Date.UTC(2024, 0, 1), 1e300]) {
        out[at] = await ormBefore
          .db(ctx)
          .insert(eventsBefore)
          .values({ name: String(at), at })
          .then(
            () => 'stored',
            (error: { code?: string }) => `refused ${error.code}`,
          );
      }
      return out;
    });
    const read = await callQuery(t, 'events').then(
      (rows) => (rows as { name: string; at: unknown }[]).map((row) => [row.name, typeof row.at]),
      (error: Error) => error.message.split('\n')[0],
    );
    // Either number mode refuses 1e300 (as Postgres refuses a timestamp past 294276 AD), or the
    // string mode reads it as a string: what it must not do is hand back a number.
    if (written['1e+300'] === 'stored') {
      expect(read).toEqual([
        [String(Date.UTC(2024, 0, 1)), 'string'],
        ['1e+300', 'string'],
      ]);
    } else {
      expect(read).toEqual([[String(Date.UTC(2024, 0, 1)), 'string']]);
    }
  });
});
