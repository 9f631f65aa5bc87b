import { describe, expect, it } from 'vitest';
import { todos } from '../../example/convex/schema';
import { exampleBackend } from './mutationHarness';

// Pins: `values()` of an array with a hole (`[a, , b]`, `new Array(2)`, a `delete rows[i]`) is
// VALIDATION ("A row of ... must be an object"), as a row given as `undefined` is. The rows were
// mapped with `Array.prototype.map`, which keeps the hole, and the validation then read it as
// `undefined` and called `Object.keys(undefined)`: a raw TypeError. (`Array.from` in
// `InsertStatement.documents`, src/mutation/insert.ts.)
describe('values() with a hole in the array', () => {
  it('rejects with a typed VALIDATION error, like a row given as undefined, and writes nothing', async () => {
    const { run } = exampleBackend();
    const out = await run(async (db, ctx) => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the input under test
      const rows = [{ title: 'first' }, , { title: 'third' }] as { title: string }[];
      const outcome = await db
        .insert(todos)
        .values(rows)
        .then(
          () => 'resolved',
          (error: any) => error?.code ?? `untyped ${error?.constructor?.name}: ${error?.message}`,
        );
      const asUndefined = await db
        .insert(todos)
        .values([{ title: 'first' }, undefined as never, { title: 'third' }])
        .then(
          () => 'resolved',
          (error: any) => error?.code ?? `untyped ${error?.constructor?.name}: ${error?.message}`,
        );
      return { outcome, asUndefined, stored: (await ctx.db.query('todos').collect()).length };
    });
    expect(out).toEqual({ outcome: 'VALIDATION', asUndefined: 'VALIDATION', stored: 0 });
  });
});
