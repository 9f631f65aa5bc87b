import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, parents } from './hooksFixture';

// A before-hook changes a row by returning values; the rows it is given are its own copies.
// Editing them in place must not slip a value past the checks or into the plan.
describe('before-hooks get their own copies of the rows', () => {
  it('a beforeInsert editing its row in place (no return) writes the planned row', async () => {
    const { run } = backend({
      parents: {
        beforeInsert: (row) => {
          (row as { name: string }).name = 'taken';
        },
      },
    });
    const out = await run(async (db, ctx) => {
      await ctx.db.insert('parents', { name: 'taken', n: 0 });
      const inserted = await db.insert(parents).values({ name: 'b' }).returning();
      const names = (await ctx.db.query('parents').collect()).map((row: { name: string }) => row.name).sort();
      return { returned: inserted.map((row) => row.name), names };
    });
    expect(out).toEqual({ returned: ['b'], names: ['b', 'taken'] });
  });

  it('a beforeDelete editing old in place leaves returning() and afterDelete with the stored row', async () => {
    let seen: unknown;
    const { run } = backend({
      parents: {
        beforeDelete: ({ old }) => {
          (old as { name: string }).name = 'edited by hook';
        },
        afterDelete: ({ old }) => {
          seen = old?.name;
        },
      },
    });
    const returned = await run(async (db) => {
      await db.insert(parents).values({ name: 'a' });
      const [row] = await db.delete(parents).hard().where(eq(parents.name, 'a')).returning();
      return row!.name;
    });
    expect({ returned, seen }).toEqual({ returned: 'a', seen: 'a' });
  });

  it('a beforeUpdate editing new in place (no return) cannot write an unchecked value', async () => {
    const { run } = backend({
      parents: {
        beforeUpdate: ({ new: next }) => {
          (next as { n: unknown }).n = 'not a number';
        },
      },
    });
    const out = await run(async (db, ctx) => {
      await db.insert(parents).values({ name: 'a' });
      const result = await db
        .update(parents)
        .set({ n: 2 })
        .where(eq(parents.name, 'a'))
        .returning()
        .then(
          (rows) => rows.map((row) => row.n),
          (error) => error.code,
        );
      return { result, stored: (await ctx.db.query('parents').first())!.n };
    });
    expect(out).toEqual({ result: [2], stored: 2 });
  });
});
