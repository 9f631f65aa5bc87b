// A malformed string operand on a string-mode timestamp (`'2024-01-01'`, no offset, a day that
// does not exist) is INVALID_FILTER saying the column expects an ISO 8601 date-time with an
// offset: it said "expected a number" (the stored milliseconds), or "one of the union members" on
// a nullable column, a number being exactly what the column refuses.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, gt, timestamp } from '../../src/index';

const events = convexTable('events', {
  at: timestamp({ mode: 'string' }).notNull(),
  maybe: timestamp({ mode: 'string' }),
});
const tables = { events };
const orm = createOrm({ relations: defineRelations(tables) });

async function failure(f: () => Promise<unknown>) {
  try {
    await f();
    return { code: 'accepted', message: '' };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

it('a malformed string operand on a string-mode timestamp is refused naming an ISO date-time, not a number', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    return [
      await failure(() => db.query.events.findMany({ where: { at: { gt: '2024-01-01' } } })),
      await failure(() => db.query.events.findMany({ where: { maybe: { gt: '2024-01-01T00:00:00' } } })),
      await failure(() => db.select().from(events).where(gt(events.at, '2024-02-30T00:00:00Z'))),
    ];
  });
  for (const { code, message } of out) {
    expect(code).toBe('INVALID_FILTER');
    expect(message).toContain('ISO 8601');
    expect(message).not.toContain('expected a number');
    expect(message).not.toContain('union members');
  }
});
