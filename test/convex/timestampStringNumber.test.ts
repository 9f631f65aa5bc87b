import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text, timestamp } from '../../src/index';

// docs/schema.md: in mode 'string', "written values and defaults are ISO 8601 date-times with an
// explicit offset ... — anything else is a VALIDATION error naming the column". A number (the
// types refuse it too) is one, not stored as milliseconds: one outside a Date's range would read
// back as a number from a column typed (and selectValidator'd) as string. In a filter, INVALID_FILTER.
const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const orm = createOrm({ relations: defineRelations({ events }) });

async function rejection(f: () => Promise<unknown>) {
  try {
    await f();
    return 'no error';
  } catch (error) {
    const { code, table, details } = error as { code?: string; table?: string; details?: unknown };
    return { code, table, details };
  }
}

describe("timestamp({ mode: 'string' }) refuses numbers", () => {
  it('insert and update of a number in a string-mode timestamp are VALIDATION naming the column', async () => {
    const t = convexTest({ schema: defineSchema({ events }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const inserted = await rejection(() => db.insert(events).values({ name: 'far', at: 1e300 as never }));
      const small = await rejection(() => db.insert(events).values({ name: 'small', at: 5 as never }));
      const [row] = await db.insert(events).values({ name: 'ok', at: '2024-01-01T00:00:00Z' }).returning();
      const updated = await rejection(() =>
        db
          .update(events)
          .set({ at: 1e300 as never })
          .where(eq(events._id, row!._id)),
      );
      const read = (await db.query.events.findMany({ columns: { name: true, at: true } })).map((r) => [r.name, r.at]);
      return { inserted, small, updated, read };
    });
    const error = { code: 'VALIDATION', table: 'events', details: { column: 'at' } };
    expect(out).toEqual({
      inserted: error,
      small: error,
      updated: error,
      read: [['ok', '2024-01-01T00:00:00.000Z']],
    });
  });

  it('a number in a filter is INVALID_FILTER naming the column', async () => {
    const t = convexTest({ schema: defineSchema({ events }), modules });
    const out = await t.run((ctx) =>
      rejection(() => orm.db(ctx).query.events.findMany({ where: { at: { gt: 5 as never } } })),
    );
    expect(out).toEqual({ code: 'INVALID_FILTER', table: 'events', details: { field: 'at', operator: 'gt' } });
  });
});
