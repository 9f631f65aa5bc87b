// A `timestamp({ mode: 'string' })` value with a fraction digit past the third that is not 0
// (`'…00.0005Z'`, what microsecond exports such as Python's `isoformat()` write) names a part of a
// millisecond. Written, it is refused (VALIDATION naming the column), as the number mode refuses
// 0.9 ms: it was truncated to the millisecond below and read back as another instant. As a filter
// operand it is compared as the instant it names, as the number mode compares `{ gte: 0.5 }`: it
// was truncated too, so a row at `.000` matched `gte` and `eq` and missed `lt`. Zeros past the
// third digit (`.123000`) name a whole millisecond.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../src/index';

const events = convexTable('events', {
  name: text().notNull(),
  at: timestamp({ mode: 'string' }).notNull(),
  ms: timestamp().notNull(),
});
const tables = { events };
const orm = createOrm({ relations: defineRelations(tables) });

async function outcome(f: () => Promise<unknown[]>) {
  try {
    return (await f()).length;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

it('a sub-millisecond operand is compared as the instant it names, as the number mode does', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    await db.insert(events).values({ name: 'epoch', at: '1970-01-01T00:00:00.000Z', ms: 0 });
    const counts = async (bound: string) => ({
      gte: await outcome(() => db.query.events.findMany({ where: { at: { gte: bound } } })),
      eq: await outcome(() => db.query.events.findMany({ where: { at: bound } })),
      lt: await outcome(() => db.query.events.findMany({ where: { at: { lt: bound } } })),
    });
    return {
      number: {
        gte: await outcome(() => db.query.events.findMany({ where: { ms: { gte: 0.5 } } })),
        lt: await outcome(() => db.query.events.findMany({ where: { ms: { lt: 0.5 } } })),
      },
      half: await counts('1970-01-01T00:00:00.0005Z'),
      // A nanosecond: no double beside 0 ms holds it, and it still orders after the row.
      nano: await counts('1970-01-01T00:00:00.000000001Z'),
      zeros: await counts('1970-01-01T00:00:00.000000Z'),
    };
  });
  expect(out.number).toEqual({ gte: 0, lt: 1 });
  expect(out.half).toEqual({ gte: 0, eq: 0, lt: 1 });
  expect(out.nano).toEqual({ gte: 0, eq: 0, lt: 1 });
  expect(out.zeros).toEqual({ gte: 1, eq: 1, lt: 0 });
});

it('a sub-millisecond value is refused on write, naming the column; zeros past the third digit are not', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const written = async (at: string) => {
      try {
        const [row] = await db.insert(events).values({ name: at, at, ms: 0 }).returning();
        return row!.at;
      } catch (error) {
        const { code, message } = error as { code?: string; message: string };
        return `${code}: ${message}`;
      }
    };
    return {
      micro: await written('2024-01-01T00:00:00.0009Z'),
      nano: await written('2024-01-01T00:00:00.000000001Z'),
      zeros: await written('2024-01-01T02:00:00.123000+02:00'),
      stored: (await ctx.db.query('events').collect()).length,
    };
  });
  for (const refused of [out.micro, out.nano]) {
    expect(refused).toMatch(/^VALIDATION: .*"events\.at".*whole milliseconds.*2024-01-01T00:00:00\.000Z/);
  }
  expect(out.zeros).toBe('2024-01-01T00:00:00.123Z');
  expect(out.stored).toBe(1);
});
