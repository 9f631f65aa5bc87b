import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) }, (t) => [
  aggregateIndex('events_by_at').on(t.at).count().shards(1),
  // The min of a key column is refused (its index would list the column twice): min of `at` per name.
  aggregateIndex('events_by_name').on(t.name).count().min(t.at).shards(1),
]);
const schema = defineSchema({ events });
const orm = createOrm({ relations: defineRelations({ events }) });
const tables = [events].map(getTableConfig);

describe('groupBy orderBy a string-mode timestamp', () => {
  for (const served of [false, true]) {
    it(`orders groups by time, not by their ISO text (${served ? 'served' : 'scan'})`, async () => {
      const t = convexTest(schema, modules);
      const rows = await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as any;
        // Milliseconds as a timestamp() column (number mode) wrote them before it became mode 'string'.
        for (const [name, at] of [
          ['a', Date.parse('+010000-01-01T00:00:00.000Z')],
          ['b', Date.parse('9999-12-31T00:00:00.000Z')],
          ['c', Date.parse('-000002-01-01T00:00:00.000Z')],
          ['d', Date.parse('-000001-01-01T00:00:00.000Z')],
        ] as const)
          await ctx.db.insert('events', { name, at } as never);
        if (served) await backfillNext(ctx.db as never, tables, 100);
        return {
          byKey: await db.query.events.groupBy({ by: ['at'], _count: true, orderBy: { at: 'asc' } }),
          byMin: await db.query.events.groupBy({ by: ['name'], _min: { at: true }, orderBy: { _min: { at: 'desc' } } }),
        };
      });
      const inTime = [
        '-000002-01-01T00:00:00.000Z',
        '-000001-01-01T00:00:00.000Z',
        '9999-12-31T00:00:00.000Z',
        '+010000-01-01T00:00:00.000Z',
      ];
      expect(rows.byKey.map((r: any) => r.at)).toEqual(inTime);
      expect(rows.byMin.map((r: any) => r._min.at)).toEqual([...inTime].reverse());
    });
  }
});
