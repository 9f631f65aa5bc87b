import { describe, expect, it } from 'vitest';
import { eq, inArray } from '../../src/index';
import { backend, children, parents } from './hooksFixture';
import { rejection } from './mutationHarness';

// A soft delete cascades only to live referencing rows (already soft-deleted ones are skipped and
// not written), and the row cap counts rows a statement writes. Children soft-deleted long ago
// must not make the parent impossible to soft-delete.
describe('soft cascade and the row cap', () => {
  it('already soft-deleted children do not count toward rowCap when a soft delete cascades', async () => {
    const { run } = backend(undefined, { rowCap: 5 });
    const out = await run(async (db, ctx) => {
      const [p] = await db.insert(parents).values({ name: 'p' }).returning();
      const old = await db
        .insert(children)
        .values(Array.from({ length: 5 }, (_, i) => ({ parentId: p!._id, title: `old${i}` })))
        .returning();
      await db.insert(children).values([
        { parentId: p!._id, title: 'live0' },
        { parentId: p!._id, title: 'live1' },
      ]);
      // Soft-deleted earlier, in their own statement (5 rows: within the cap).
      await db.delete(children).where(
        inArray(
          children._id,
          old.map((c) => c._id),
        ),
      );
      // Soft-deleting the parent writes 3 rows: the parent and its 2 live children.
      const error = await rejection(db.delete(parents).where(eq(parents._id, p!._id))).catch(() => null);
      const rows = await ctx.db.query('children').collect();
      return {
        error: error?.code ?? null,
        parentDeleted: (await ctx.db.get(p!._id))!.deletedAt !== null,
        liveChildren: rows.filter((row: any) => row.deletedAt === null).length,
      };
    });
    expect(out).toEqual({ error: null, parentDeleted: true, liveChildren: 0 });
  });
});
