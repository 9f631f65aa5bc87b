// A hook may throw a non-Error value.
// docs/triggers.md "The pipeline": "Everything up to the write only reads, so a veto or a failed
// check writes nothing, even when your code catches the error and the mutation goes on (a veto inside
// a multi-row insert writes none of its rows)"; and an after-hook's error reaches the caller after the
// statement's writes, which stay when caught (docs/divergences.md, "An after-trigger's error comes
// after the statement's writes"). JavaScript lets a hook throw anything (a string, `undefined`): the
// pipeline must still reject with that very value (not resolve, not wrap it in an untyped error of its
// own), write nothing on a before-hook veto (a cascade-reached row's hook too), and keep the documented
// after-hook behaviour.
import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, children, logs, parents } from './hooksFixture';

/**
 * The statement's outcome: ['resolved'] or ['rejected', what was thrown, as is]; `undefined` is
 * told as '(undefined)' (a Convex function returns no `undefined`).
 */
const settle = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => ['resolved'] as const,
    (error: unknown) => ['rejected', error === undefined ? '(undefined)' : error] as const,
  );

describe('hooks that throw values that are not Errors', () => {
  it('a string thrown by the second row of a multi-row insert vetoes every row, caught', async () => {
    const { run } = backend({
      logs: {
        beforeInsert: (row) => {
          if (row.msg === 'b') throw 'no b';
        },
      },
    });
    const [outcome, stored] = await run(async (db, ctx) => {
      const result = await settle(db.insert(logs).values([{ msg: 'a' }, { msg: 'b' }]));
      return [result, (await ctx.db.query('logs').collect()).length] as const;
    });
    expect(outcome).toEqual(['rejected', 'no b']);
    expect(stored).toBe(0);
  });

  it('undefined thrown by the beforeUpdate of a row a soft cascade reaches vetoes the whole delete, caught', async () => {
    const { run } = backend({
      children: {
        beforeUpdate: () => {
          throw undefined;
        },
      },
    });
    const [outcome, state] = await run(async (db, ctx) => {
      const [p] = await db.insert(parents).values({ name: 'p' }).returning();
      await db.insert(children).values({ parentId: p!._id, title: 'c' });
      const result = await settle(db.delete(parents).where(eq(parents._id, p!._id)));
      const rows = [...(await ctx.db.query('parents').collect()), ...(await ctx.db.query('children').collect())];
      return [result, rows.map((row: any) => row.deletedAt ?? null)] as const;
    });
    expect(outcome).toEqual(['rejected', '(undefined)']);
    expect(state).toEqual([null, null]);
  });

  it('null thrown by an upsert row’s beforeInsert writes nothing, caught', async () => {
    const { run } = backend({
      parents: {
        beforeInsert: (row) => {
          if (row.name === 'y') throw null;
        },
      },
    });
    const [outcome, names] = await run(async (db, ctx) => {
      const result = await settle(
        db
          .insert(parents)
          .values([{ name: 'x' }, { name: 'y' }])
          .onConflictDoNothing(),
      );
      return [result, (await ctx.db.query('parents').collect()).map((row: any) => row.name)] as const;
    });
    expect(outcome).toEqual(['rejected', null]);
    expect(names).toEqual([]);
  });

  it('undefined thrown by an afterInsert rejects the statement; caught, its row stays (documented divergence)', async () => {
    const { run } = backend({
      logs: {
        afterInsert: () => {
          throw undefined;
        },
      },
    });
    const [outcome, msgs] = await run(async (db, ctx) => {
      const result = await settle(db.insert(logs).values({ msg: 'kept' }));
      return [result, (await ctx.db.query('logs').collect()).map((row: any) => row.msg)] as const;
    });
    expect(outcome).toEqual(['rejected', '(undefined)']);
    expect(msgs).toEqual(['kept']);
  });
});
