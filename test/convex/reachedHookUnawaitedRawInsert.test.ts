import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, dangling, outcome, parents, seed } from './reachedHookFixture';

// A raw insert's id was recorded only once its promise resolved: a hook that started the raw
// insert without awaiting it returned before the id was recorded, so the check saw nothing and the
// statement deleted the parent; the insert then landed, referencing the deleted parent. A raw
// insert is now recorded as it is made, and the check waits for its id.
describe("a reached row's before-hook starting a raw insert it does not await", () => {
  it('raw insert (not awaited) holding the removed key: refused, nothing dangling', async () => {
    let pending: Promise<unknown> | undefined;
    const { run } = backend({
      children: {
        beforeDelete: ({ old }: any, ctx: any) => {
          if (old.title !== 'c1') return;
          pending = ctx.raw.insert('children', { parentId: old.parentId, title: 'late' });
        },
      },
    });
    const { p } = await seed(run);
    const result = await run(async (db) => {
      const r = await outcome(db.delete(parents).where(eq(parents._id, p)));
      // The hook's insert lands inside the same transaction.
      await pending;
      return r;
    });
    expect({ result, left: await dangling(run) }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});
