import { describe, expect, it } from 'vitest';
import { eq, inArray, or } from '../../../src/index';
import { accounts, backend, notes } from './fixture';

// The row-change pipeline over union reads (an OR across indexed fields, an id list beside them) with
// soft and scheduled delete, hooks and aggregate indexes: each row changes, fires and is returned once;
// after-hooks writing rows the statement already changed (and restoring a row it soft-deleted) leave
// the aggregate index equal to a recount; the scheduled job deletes only what is still deleted;
// .hard() of a soft-deleted row takes its soft-deleted cascade with it; upserts treat soft-deleted
// rows as the key holders they are (docs/mutations.md#soft-and-scheduled-delete).

async function seed(b: ReturnType<typeof backend>) {
  await b.build();
  return b.run(async (db) => {
    const ids = (
      await db
        .insert(accounts)
        .values([
          { a: 'x', b: 1, email: 'e1', org: 'o', handle: 'h1' },
          { a: 'y', b: 2, email: 'e2' },
          { a: 'x', b: 3, email: 'e3' },
          { a: 'z', b: 4, email: 'e4' },
        ])
        .returning()
    ).map((r) => r._id);
    await db.insert(notes).values(
      ids.flatMap((accountId, i) => [
        { accountId, body: `n${i}a` },
        { accountId, body: `n${i}b` },
      ]),
    );
    return ids;
  });
}

const state = (b: ReturnType<typeof backend>) =>
  b.run(async (_db, ctx) => ({
    accounts: (await ctx.db.query('accounts').collect()).map((r: any) => `${r.email}${r.deletedAt ? '-' : ''}`),
    notes: (await ctx.db.query('notes').collect()).map((r: any) => `${r.body}${r.deletedAt ? '-' : ''}`),
  }));

describe('soft and scheduled delete through union reads, with hooks and aggregates', () => {
  it('update over an OR: after-hook moving a row the statement updated keeps the index exact', async () => {
    let ids: string[] = [];
    const fired: string[] = [];
    const b = backend({
      accounts: {
        beforeUpdate: ({ old }: any) => void fired.push(`b:${old.email}`),
        afterUpdate: async ({ old, new: row }: any, ctx: any) => {
          fired.push(`a:${old.email}`);
          if (old.email === 'e1' && row.b < 1000)
            await ctx.db
              .update(accounts)
              .set((r: any) => ({ a: 'w', b: r.b + 1000 }))
              .where(eq(accounts._id, ids[2] as never));
        },
      },
    } as never);
    ids = await seed(b);
    const returned = await b.run((db) =>
      db
        .update(accounts)
        .set((r) => ({ b: r.b + 10 }))
        .where({ OR: [{ a: 'x' }, { b: 2 }, { _id: ids[0] as never }] })
        .returning({ email: accounts.email, a: accounts.a, b: accounts.b }),
    );
    // As the statement wrote them (e3 moved by the hook afterwards).
    expect(returned).toEqual([
      { email: 'e1', a: 'x', b: 11 },
      { email: 'e2', a: 'y', b: 12 },
      { email: 'e3', a: 'x', b: 13 },
    ]);
    expect(fired).toEqual(['b:e1', 'b:e2', 'b:e3', 'a:e1', 'b:e3', 'a:e3', 'a:e2', 'a:e3']);
    const rc = await b.recount();
    expect(rc.served).toEqual(rc.expected);
    expect(rc.expected.w).toEqual({ n: 1, sum: 1013 });
  });

  it('soft delete over an OR and an id list, one row restored by its afterUpdate; the job; .hard()', async () => {
    const fired: string[] = [];
    const b = backend({
      accounts: {
        afterUpdate: async ({ old, new: row }: any, ctx: any) => {
          fired.push(`au:${old.email}`);
          if (old.email === 'e3' && row.deletedAt != null)
            await ctx.db.update(accounts).set({ deletedAt: null }).where(eq(accounts._id, row._id));
        },
        afterDelete: ({ old }: any) => void fired.push(`ad:${old.email}`),
      },
      notes: { afterDelete: ({ old }: any) => void fired.push(`nd:${old.body}`) },
    } as never);
    const ids = await seed(b);
    const returned = await b.run((db) =>
      db
        .delete(accounts)
        .where(or(eq(accounts.a, 'x'), eq(accounts.b, 2), inArray(accounts._id, [ids[0] as never])))
        .returning({ email: accounts.email }),
    );
    expect(returned.map((r) => r.email)).toEqual(['e1', 'e2', 'e3']);
    expect(fired.splice(0)).toEqual(['au:e1', 'au:e2', 'au:e3', 'au:e3']);
    // e3 restored by its hook; its notes stay soft-deleted (their job too), as documented.
    expect(await state(b)).toEqual({
      accounts: ['e1-', 'e2-', 'e3', 'e4'],
      notes: ['n0a-', 'n0b-', 'n1a-', 'n1b-', 'n2a-', 'n2b-', 'n3a', 'n3b'],
    });
    expect(b.scheduled.map((job) => [job.table, job.ids.length])).toEqual([['notes', 6]]);
    let rc = await b.recount();
    expect(rc.served).toEqual(rc.expected);
    // .hard() of soft-deleted e1 (matched by id) and e2 (by an index), with their soft-deleted notes.
    const hard = await b.run((db) =>
      db
        .delete(accounts)
        .hard()
        .where({ OR: [{ _id: ids[0] as never }, { a: 'y' }] })
        .returning({ email: accounts.email }),
    );
    expect(hard.map((r) => r.email)).toEqual(['e1', 'e2']);
    expect(fired.splice(0)).toEqual(['ad:e1', 'ad:e2', 'nd:n0a', 'nd:n0b', 'nd:n1a', 'nd:n1b']);
    expect(await b.runJobs()).toEqual([2]);
    expect(fired.splice(0)).toEqual(['nd:n2a', 'nd:n2b']);
    expect(await state(b)).toEqual({ accounts: ['e3', 'e4'], notes: ['n3a', 'n3b'] });
    rc = await b.recount();
    expect(rc.served).toEqual(rc.expected);
    const counts = await b.run(async (db) => [
      await db.query.notes.count({ where: { accountId: ids[2] as never } }),
      await db.query.notes.count({ where: { accountId: ids[3] as never } }),
    ]);
    expect(counts).toEqual([0, 2]);
  });

  it('upserts on soft-deleted key holders: update it (restore or soft-delete via set), skip it on a composite target', async () => {
    const fired: string[] = [];
    const b = backend({
      accounts: { afterUpdate: ({ old, new: row }: any) => void fired.push(`${old.email}:${row.a}`) },
    } as never);
    const ids = await seed(b);
    await b.run((db) => db.delete(accounts).where(inArray(accounts._id, [ids[0], ids[1]] as never)));
    fired.splice(0);
    const upsert = (email: string, set: Record<string, unknown>) =>
      b.run((db) =>
        db
          .insert(accounts)
          .values({ a: 'q', b: 5, email })
          .onConflictDoUpdate({ target: accounts.email, set: set as never })
          .returning({ email: accounts.email, a: accounts.a, deleted: accounts.deletedAt }),
      );
    const moved = await upsert('e1', { a: 'y' });
    expect(moved).toEqual([{ email: 'e1', a: 'y', deleted: expect.any(Number) }]);
    expect(await upsert('e2', { deletedAt: null })).toEqual([{ email: 'e2', a: 'y', deleted: null }]);
    expect(await upsert('e3', { deletedAt: 1000 })).toEqual([{ email: 'e3', a: 'x', deleted: 1000 }]);
    expect(fired).toEqual(['e1:y', 'e2:y', 'e3:x']);
    // e3's soft delete by the upsert cascades to its notes and schedules their hard delete.
    expect(b.scheduled.at(-1)).toMatchObject({ table: 'notes', deletedAt: 1000 });
    const skipped = await b.run((db) =>
      db
        .insert(accounts)
        .values({ a: 'x', b: 5, email: 'e9', org: 'o', handle: 'h1' })
        .onConflictDoNothing({ target: [accounts.handle, accounts.org] })
        .returning(),
    );
    expect(skipped).toEqual([]);
    const rc = await b.recount();
    expect(rc.served).toEqual(rc.expected);
  });
});
