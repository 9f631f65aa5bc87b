import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../src/index';

// The string-mode timestamp error names what the value is, never what it holds (a hook's value may
// come from a row the caller's rules hide): a Date (the usual mistake: what mode: 'date' takes) is
// "a Date", not "a object".
const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const orm = createOrm({ relations: defineRelations({ events }) });

describe("timestamp({ mode: 'string' }) given a Date", () => {
  it('names the Date (a type, no value), not "a object"', async () => {
    const t = convexTest({ schema: defineSchema({ events }), modules });
    const message = await t.run(async (ctx) => {
      try {
        await orm
          .db(ctx)
          .insert(events)
          .values({ name: 'e', at: new Date(0) as any });
        return 'resolved';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toContain('got a Date');
    expect(message).not.toContain('a object');
  });
});
