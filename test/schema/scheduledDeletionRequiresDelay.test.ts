import { describe, expect, it } from 'vitest';
import { convexTable, deletion, timestamp } from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

// deletion('scheduled') "needs delayMs, a non-negative number of milliseconds" (tableIndexes.ts), and
// the types require it. A JavaScript caller (or a config object built at run time) that leaves it out
// must get that INVALID_SCHEMA, not a delay of 0: the rows would be hard-deleted right after the soft
// delete, the opposite of what a scheduled (undoable) delete is for.
describe("deletion('scheduled') without delayMs", () => {
  it('is INVALID_SCHEMA naming delayMs, not a hard delete scheduled 0 ms later', () => {
    let error: unknown = null;
    let delayMs: number | undefined;
    try {
      const table = convexTable('t', { at: timestamp() }, (t) => [
        deletion('scheduled', { column: t.at } as unknown as { column: typeof t.at; delayMs: number }),
      ]);
      delayMs = getTableConfig(table).deletion?.delayMs;
    } catch (caught) {
      error = caught;
    }
    expect({ delayMs, error }).toMatchObject({
      delayMs: undefined,
      error: { code: 'INVALID_SCHEMA', message: expect.stringContaining('delayMs') },
    });
  });

  it("'soft' needs none: it schedules no hard delete", () => {
    const table = convexTable('t', { at: timestamp() }, (t) => [deletion('soft', { column: t.at })]);
    expect(getTableConfig(table).deletion).toEqual({ mode: 'soft', column: 'at', delayMs: 0 });
  });
});
