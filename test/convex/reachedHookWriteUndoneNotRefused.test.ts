import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, children, dangling, outcome, parents, seed } from './reachedHookFixture';

// The check compared the rows the hooks wrote, as they were written, with the removed keys: a row
// the hook wrote onto a removed key and then took off it again (deleted, or moved back) references
// nothing gone when the statement writes, yet the statement was refused. The check now reads the
// rows the hooks wrote as they stand, by id.
describe('a row the hook wrote onto a removed key, then took off it again', () => {
  it('inserted then deleted in the same hook: the statement goes through', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          const [tmp] = await ctx.db.insert(children).values({ parentId: old.parentId, title: 'tmp' }).returning();
          await ctx.db.delete(children).where(eq(children._id, tmp._id));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'resolved', left: [] });
  });

  it('moved onto the removed key then back (ORM updates): the statement goes through', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          const [row] = await ctx.db.select().from(children).where(eq(children.title, 'other'));
          await ctx.db.update(children).set({ parentId: old.parentId }).where(eq(children._id, row._id));
          await ctx.db.update(children).set({ parentId: row.parentId }).where(eq(children._id, row._id));
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'resolved', left: [] });
  });
});
