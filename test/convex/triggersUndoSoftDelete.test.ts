import { describe, expect, it } from 'vitest';
import { backend, children, grands, parents } from './hooksFixture';

// A beforeUpdate hook's values are what the statement writes, and returning() shows what it
// wrote. A hook that sets a soft delete's deletion column back to null leaves its row live:
// delete().returning() lists only the rows the statement deleted.
describe('a beforeUpdate that undoes a soft delete', () => {
  it('leaves its row live, out of delete().returning() and without a soft cascade; the others are returned as they were', async () => {
    const { run } = backend({
      parents: { beforeUpdate: ({ old, new: next }) => (old.name === 'keep' ? { ...next, deletedAt: null } : next) },
    });
    const out = await run(async (db, ctx) => {
      const ids = await db
        .insert(parents)
        .values([{ name: 'keep' }, { name: 'drop' }])
        .returning({ id: parents._id });
      await db.insert(children).values(ids.map(({ id }, i) => ({ parentId: id, title: `child ${i}` })));
      const returned = await db.delete(parents).all().returning({ name: parents.name, deletedAt: parents.deletedAt });
      const deleted = async (table: 'parents' | 'children') =>
        (await ctx.db.query(table).collect()).map((row: any) => row.deletedAt !== null);
      return { returned, parents: await deleted('parents'), children: await deleted('children') };
    });
    expect(out.returned).toEqual([{ name: 'drop', deletedAt: null }]);
    // keep and its child stay live; drop and its child are soft-deleted.
    expect(out.parents).toEqual([false, true]);
    expect(out.children).toEqual([false, true]);
  });

  it('on a scheduled table: not returned, and no hard delete scheduled for it', async () => {
    const { run, scheduled } = backend({ grands: { beforeUpdate: ({ new: next }) => ({ ...next, deletedAt: null }) } });
    const out = await run(async (db) => {
      const [parent] = await db.insert(parents).values({ name: 'p' }).returning();
      const [child] = await db.insert(children).values({ parentId: parent!._id, title: 'c' }).returning();
      await db.insert(grands).values({ childId: child!._id, body: 'g' });
      return db.delete(grands).all().returning();
    });
    expect(out).toEqual([]);
    expect(scheduled).toEqual([]);
  });
});
