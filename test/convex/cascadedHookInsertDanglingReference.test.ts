import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, children, parents } from './hooksFixture';

// A statement's foreign-key actions read every row referencing the rows it deletes before the
// reached rows' before-hooks run. A reached child's beforeDelete that inserted, through its ctx.db,
// a new child of the parent being deleted passed its own foreign-key check (the parent was still
// there), was never seen by the plan, and the statement then deleted the parent: the new child was
// left referencing a row that no longer exists. Postgres refuses it (the new row's foreign-key
// check runs after the delete); the statement now refuses too, INVALID_QUERY before its first write.

const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: { data?: { code?: string } }) => e?.data?.code ?? 'untyped',
  );

/** A backend whose children's `hook` inserts, for `c1`, a child of the parent `target` picks. */
async function seeded(target: 'same' | 'other', hook: 'beforeDelete' | 'beforeUpdate' = 'beforeDelete') {
  const { run } = backend({
    children: {
      [hook]: async ({ old }: { old: { title: string; parentId: string } }, ctx: any) => {
        if (old.title !== 'c1') return;
        const [other] = await ctx.db.query.parents.findMany({ where: { name: 'q' } });
        await ctx.db
          .insert(children)
          .values({ parentId: target === 'same' ? old.parentId : other!._id, title: 'late' });
      },
    },
  });
  const parentId = await run(async (db: any) => {
    const [p] = await db
      .insert(parents)
      .values([{ name: 'p' }, { name: 'q' }])
      .returning();
    await db.insert(children).values([
      { parentId: p._id, title: 'c1' },
      { parentId: p._id, title: 'c2' },
    ]);
    return p._id;
  });
  /** The children left, by title, and those whose parent is gone. */
  const left = () =>
    run(async (_db: any, ctx: any) => {
      const rows = await ctx.db.query('children').collect();
      const dangling: string[] = [];
      for (const row of rows) if ((await ctx.db.get(row.parentId)) === null) dangling.push(row.title);
      return { titles: rows.map((row: { title: string }) => row.title).sort(), dangling };
    });
  return { run, parentId, left };
}

describe("a cascaded row's before-hook that inserts a row referencing the deleted parent", () => {
  it('is refused before the first write: no child is left referencing a deleted parent', async () => {
    const { run, parentId, left } = await seeded('same');
    expect(await run((db: any) => outcome(db.delete(parents).hard().where(eq(parents._id, parentId))))).toBe(
      'INVALID_QUERY',
    );
    // The statement wrote nothing; the hook's own insert (a statement of its own) stays, its parent there.
    expect(await left()).toEqual({ titles: ['c1', 'c2', 'late'], dangling: [] });
  });

  it('a hook inserting a child of another parent goes through', async () => {
    const { run, parentId, left } = await seeded('other');
    expect(await run((db: any) => outcome(db.delete(parents).hard().where(eq(parents._id, parentId))))).toBe(
      'resolved',
    );
    expect(await left()).toEqual({ titles: ['late'], dangling: [] });
  });

  it('a soft delete keeps the key: the hook inserting a child of the parent goes through', async () => {
    // A soft delete's cascade soft-deletes the children (updates): their beforeUpdate runs.
    const { run, parentId, left } = await seeded('same', 'beforeUpdate');
    expect(await run((db: any) => outcome(db.delete(parents).where(eq(parents._id, parentId))))).toBe('resolved');
    expect(await left()).toEqual({ titles: ['c1', 'c2', 'late'], dangling: [] });
  });
});
