/**
 * Keys a before-hook puts back (the row's values as stored) are not judged, with one exception:
 * docs/triggers.md says beforeUpdate's values are "merged over the planned ones", and
 * src/mutation/changes.ts `changesAny` says a key an update leaves as it was is not judged (as
 * Postgres checks neither a foreign key nor a unique key whose values an update leaves unchanged).
 * So a key set() changes and the row's beforeUpdate hook changes back is not judged: no
 * UNIQUE_VIOLATION for the value set() asked for and the hook dropped, and the other values of the
 * statement are written. And a set-null action's value a reached row's hook changes back to the
 * deleted row's key is still judged (FOREIGN_KEY_VIOLATION, nothing written).
 */
import { describe, expect, it } from 'vitest';
import { eq } from '../../../src/index';
import { backend, parents } from '../hooksFixture';
import * as reached from '../reachedHookFixture';

const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: any) => e?.data?.code ?? `untyped: ${String(e)}`,
  );

describe('a key a before-hook changes back', () => {
  it('a unique key set() changes and the hook restores is not judged', async () => {
    const { run } = backend({ parents: { beforeUpdate: ({ old, new: next }) => ({ ...next, name: old.name }) } });
    const out = await run(async (db, ctx) => {
      await db.insert(parents).values([{ name: 'a' }, { name: 'b' }]);
      const c = await code(db.update(parents).set({ name: 'b', n: 3 }).where(eq(parents.name, 'a')));
      const rows = (await ctx.db.query('parents').collect()).map((r: any) => [r.name, r.n]);
      return { c, rows };
    });
    expect(out).toEqual({
      c: 'resolved',
      rows: [
        ['a', 3],
        ['b', 0],
      ],
    });
  });

  it('a set-null value a reached hook changes back to the deleted key is judged', async () => {
    const { run } = reached.backend({
      audits: { beforeUpdate: ({ old, new: next }) => ({ ...next, childId: old.childId }) },
    });
    const ids = await reached.seed(run);
    const out = await run(async (db, ctx) => {
      await db.insert(reached.audits).values({ childId: ids.c1, msg: 'm' });
      const c = await code(db.delete(reached.children).where(eq(reached.children._id, ids.c1)));
      return { c, child: (await ctx.db.get(ids.c1)) !== null };
    });
    expect(out).toEqual({ c: 'FOREIGN_KEY_VIOLATION', child: true });
  });
});
