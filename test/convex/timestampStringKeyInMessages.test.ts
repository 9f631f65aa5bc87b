// UNIQUE_VIOLATION and FOREIGN_KEY_VIOLATION name a string-mode timestamp key as the ISO string
// the application writes and reads, not its stored milliseconds (`Duplicate at = 1704067200000`).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, timestamp } from '../../src/index';

const slots = convexTable('slots', { at: timestamp({ mode: 'string' }).notNull().unique() });
const bookings = convexTable('bookings', {
  slot: timestamp({ mode: 'string' }).references(() => slots.at),
});
const tables = { slots, bookings };
const orm = createOrm({ relations: defineRelations(tables) });

async function message(f: () => Promise<unknown>) {
  try {
    await f();
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

it('names a string-mode timestamp key as the ISO string the application writes and reads', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    await db.insert(slots).values({ at: '2024-01-01T00:00:00Z' });
    return {
      unique: await message(() => db.insert(slots).values({ at: '2024-01-01T01:00:00+01:00' })),
      foreignKey: await message(() => db.insert(bookings).values({ slot: '2024-05-01T00:00:00Z' })),
    };
  });
  expect(out.unique).toContain('"2024-01-01T00:00:00.000Z"');
  expect(out.unique).not.toContain('1704067200000');
  expect(out.foreignKey).toContain('"2024-05-01T00:00:00.000Z"');
  expect(out.foreignKey).not.toContain('1714521600000');
});
