import { describe, expect, it } from 'vitest';
import { eq } from '../../../src/index';
import { accounts, backend, logs, notes } from './fixture';

// docs/triggers.md: everything up to the write only reads, so a veto (here by the before-hook of a
// row a soft cascade reaches) writes nothing of the statement even when the caller catches it inside
// db.transaction; a before-hook's own ctx.db write is a statement of its own and stays. A chain of
// before-hooks deeper than 8 levels fails with TRIGGER_DEPTH_EXCEEDED before any level wrote. The rest
// of the transaction commits, and the aggregate indexes agree with a recount.

describe('db.transaction catching a hook error', () => {
  it('a veto by a reached row leaves the statement unwritten, the hook log and the later statement written', async () => {
    const b = backend({
      accounts: {
        beforeUpdate: async ({ old }: any, ctx: any) => {
          await ctx.db.insert(logs).values({ msg: `soft ${old.email}` });
        },
      },
      notes: {
        beforeUpdate: ({ old }: any) => {
          if (old.body === 'locked') throw new Error('note is locked');
        },
      },
    } as any);
    await b.build();
    const [id] = await b.run(async (db) => {
      const rows = await db.insert(accounts).values({ a: 'x', b: 1, email: 'e1' }).returning();
      await db.insert(notes).values([
        { accountId: rows[0]!._id, body: 'free' },
        { accountId: rows[0]!._id, body: 'locked' },
      ]);
      return rows.map((r) => r._id);
    });
    const out = await b.run((db) =>
      db.transaction(async (tx) => {
        let caught = '';
        try {
          await tx.delete(accounts).where(eq(accounts._id, id!));
        } catch (error) {
          caught = String((error as Error).message);
        }
        await tx.insert(accounts).values({ a: 'y', b: 2, email: 'e2' });
        return caught;
      }),
    );
    expect(out).toBe('note is locked');
    const state = await b.run(async (_db, ctx) => ({
      accounts: (await ctx.db.query('accounts').collect()).map((r: any) => [r.email, r.deletedAt ?? null]),
      notes: (await ctx.db.query('notes').collect()).map((r: any) => [r.body, r.deletedAt ?? null]),
      logs: (await ctx.db.query('logs').collect()).map((r: any) => r.msg),
    }));
    expect(state).toEqual({
      accounts: [
        ['e1', null],
        ['e2', null],
      ],
      notes: [
        ['free', null],
        ['locked', null],
      ],
      logs: ['soft e1'],
    });
    expect(b.scheduled).toEqual([]);
    const rc = await b.recount();
    expect(rc.served).toEqual(rc.expected);
  });

  it('TRIGGER_DEPTH_EXCEEDED from a chain of before-hooks: no level wrote', async () => {
    const b = backend({
      logs: {
        beforeInsert: async (row: any, ctx: any) => {
          await ctx.db.insert(logs).values({ msg: `${row.msg}+` });
        },
      },
    } as any);
    const out = await b.run((db) =>
      db.transaction(async (tx) => {
        let caught = '';
        try {
          await tx.insert(logs).values({ msg: 'l' });
        } catch (error) {
          caught = (error as { code?: string }).code ?? String(error);
        }
        await tx.insert(accounts).values({ a: 'y', b: 2, email: 'e2' });
        return caught;
      }),
    );
    expect(out).toBe('TRIGGER_DEPTH_EXCEEDED');
    const state = await b.run(async (_db, ctx) => ({
      logs: (await ctx.db.query('logs').collect()).length,
      accounts: (await ctx.db.query('accounts').collect()).length,
    }));
    expect(state).toEqual({ logs: 0, accounts: 1 });
  });
});
