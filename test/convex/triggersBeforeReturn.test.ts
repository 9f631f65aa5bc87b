import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, parents } from './hooksFixture';
import { rejection } from './mutationHarness';

// Errors are typed OrmErrors: a beforeInsert that returns something that is not a row is
// VALIDATION ("A row of ... must be an object"); a beforeUpdate returning the same mistake
// should be VALIDATION too, not a TypeError from destructuring it, and write nothing.
describe('a before-hook returning a non-object', () => {
  it('beforeUpdate returning null rejects with a typed VALIDATION error and writes nothing', async () => {
    const { run } = backend({ parents: { beforeUpdate: () => null as never } });
    const out = await run(async (db, ctx) => {
      await db.insert(parents).values({ name: 'a' });
      const error = await rejection(db.update(parents).set({ n: 2 }).where(eq(parents.name, 'a')));
      return { code: error.code, n: (await ctx.db.query('parents').first())!.n };
    });
    expect(out).toEqual({ code: 'VALIDATION', n: 0 });
  });
});
