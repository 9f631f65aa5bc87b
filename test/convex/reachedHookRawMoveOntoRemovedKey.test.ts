import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, dangling, outcome, parents, seed } from './reachedHookFixture';

// A raw INSERT holding a removed key was refused, but a raw PATCH or REPLACE that moved an existing,
// unplanned row onto the same key was not recorded (only raw inserts were), so the statement went on
// and left the row referencing the deleted parent. Every raw write of a reached row's hook is now
// recorded by id, and the row read as it stands is checked.
describe("a reached row's before-hook moving an unplanned row onto a removed key through ctx.raw", () => {
  it('raw insert holding the removed key: refused (control)', async () => {
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.insert('children', { parentId: old.parentId, title: 'late' });
        },
      },
    });
    const { p } = await seed(run);
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw patch moving the other parent’s child under the parent being deleted: refused, nothing dangling', async () => {
    let otherId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.patch(otherId, { parentId: old.parentId });
        },
      },
    });
    const { p, other } = await seed(run);
    otherId = other;
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw replace moving the other parent’s child under the parent being deleted: refused, nothing dangling', async () => {
    let otherId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.replace(otherId, { parentId: old.parentId, title: 'moved' });
        },
      },
    });
    const { p, other } = await seed(run);
    otherId = other;
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });

  it('raw patch pointing an audit row at the reached child: refused as the ORM insert of it is', async () => {
    let auditId: string | undefined;
    const { run } = backend({
      children: {
        beforeDelete: async ({ id: childId, old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          await ctx.raw.patch(auditId, { childId });
        },
      },
    });
    const { p } = await seed(run);
    auditId = await run((_db, ctx) => ctx.db.insert('audits', { msg: 'spare' }));
    const result = await run((db) => outcome(db.delete(parents).where(eq(parents._id, p))));
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});
