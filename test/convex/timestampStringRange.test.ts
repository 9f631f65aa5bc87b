import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text, timestamp } from '../../src/index';

// A timestamp({ mode: 'string' }) reads back in UTC; every value it takes must read back as a value
// it takes again (written back unchanged, found by a filter): instants in the years 0001-9999 (UTC).
const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const orm = createOrm({ relations: defineRelations({ events }) });

async function outcome(f: () => Promise<unknown>) {
  try {
    return { ok: await f() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

describe("timestamp({ mode: 'string' }) range", () => {
  it.each([
    ['the first instant', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['the last instant', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['an offset that stays in year 1', '0001-01-01T01:00:00+01:00', '0001-01-01T00:00:00.000Z'],
  ])('%s round-trips: read back, written back, found by a filter', async (_, written, read) => {
    const t = convexTest({ schema: defineSchema({ events }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const [row] = await db.insert(events).values({ name: 'e', at: written }).returning();
      return {
        read: row!.at,
        writeBack: await outcome(() => db.update(events).set({ at: row!.at }).where(eq(events._id, row!._id))),
        found: (await db.query.events.findMany({ where: { at: row!.at! } })).length,
      };
    });
    expect(out).toEqual({ read, writeBack: { ok: undefined }, found: 1 });
  });

  it.each([
    ['an offset that moves the instant into year 0', '0001-01-01T00:00:00+01:00'],
    ['an offset that moves the instant into year 10000', '9999-12-31T23:00:00-05:00'],
  ])(
    '%s: VALIDATION on write, INVALID_FILTER in a filter (it would read back as "0000-…" / "+010000-…")',
    async (_, value) => {
      const t = convexTest({ schema: defineSchema({ events }), modules });
      const out = await t.run(async (ctx) => {
        const db = orm.db(ctx);
        return {
          write: await outcome(() => db.insert(events).values({ name: 'e', at: value })),
          filter: await outcome(() => db.query.events.findMany({ where: { at: { gte: value } } })),
        };
      });
      expect(out).toEqual({ write: { error: 'VALIDATION' }, filter: { error: 'INVALID_FILTER' } });
    },
  );
});
