/**
 * Documented claims of docs/mutations.md "Transactions" and
 * "Limits" that no existing test pins in these combinations:
 * - an error escaping db.transaction (here a non-Error value thrown in a nested tx.transaction after
 *   ORM statements, a raw ctx.db write, hook writes and a scheduled hard delete) rejects with that very
 *   value and, escaping the mutation, discards every write and the scheduled function;
 * - a callback that throws synchronously makes db.transaction reject, never throw;
 * - the write budget across statements of one transaction counts writes of a statement whose
 *   after-hook threw (they stay: docs/mutations.md l.7-9) and not those of a refused statement
 *   ("uses none of the budget", docs/mutations.md Limits), with transactionLimits enforced.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, taskNotes, tasks, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, type OrmError } from '../../src/index';

const orm = createOrm({
  relations,
  scheduledDelete: internal.deletions.scheduledDelete,
  triggers: defineTriggers(relations, {
    tasks: {
      afterInsert: ({ new: task }, ctx) =>
        ctx.db
          .update(projects)
          .set((project) => ({ taskCount: project.taskCount + 1 }))
          .where(eq(projects._id, task.projectId)),
      afterUpdate: async ({ id, new: task }, ctx) => {
        if (task.deletedAt !== null) await ctx.db.insert(taskNotes).values({ taskId: id, body: 'deleted' });
      },
    },
    users: {
      afterInsert: ({ new: user }) => {
        if (user.name === 'boom') throw new Error('after boom');
      },
    },
  }),
});

async function counts(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => ({
    users: (await ctx.db.query('users').collect()).length,
    projects: (await ctx.db.query('projects').collect()).length,
    tasks: (await ctx.db.query('tasks').collect()).length,
    notes: (await ctx.db.query('taskNotes').collect()).length,
    jobs: (await ctx.db.system.query('_scheduled_functions').collect()).length,
  }));
}

describe('probes', () => {
  it('non-Error thrown in nested tx after several statements, raw writes too: rejection is the value; nothing kept', async () => {
    const t = convexTest(schema, modules);
    let seen: unknown;
    await expect(
      t.run(async (ctx) => {
        const db = orm.db(ctx as MutationCtx);
        try {
          await db.transaction(async (tx) => {
            const [project] = await tx.insert(projects).values({ name: 'P' }).returning();
            await ctx.db.insert('users', { name: 'raw', email: 'raw@x', role: 'member', verified: false } as never);
            await tx.transaction(async (inner) => {
              const [task] = await inner.insert(tasks).values({ projectId: project!._id, title: 't' }).returning();
              await inner.delete(tasks).where(eq(tasks._id, task!._id));
              throw 'plain string';
            });
          });
        } catch (e) {
          seen = e;
          throw e;
        }
      }),
    ).rejects.toBeDefined();
    expect(seen).toBe('plain string');
    expect(await counts(t)).toEqual({ users: 0, projects: 0, tasks: 0, notes: 0, jobs: 0 });
  });

  it('a sync callback that throws rejects (no synchronous throw)', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      let sync = false;
      let p: Promise<unknown> | undefined;
      try {
        p = db.transaction(((_tx: unknown) => {
          throw 42;
        }) as never);
      } catch {
        sync = true;
      }
      const r = await p!.then(
        () => 'resolved',
        (e) => e,
      );
      return { sync, r };
    });
    expect(out).toEqual({ sync: false, r: 42 });
  });

  it('budget across statements of one tx, after a caught refusal and a caught after-hook failure', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsWritten: 5 } });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      return db.transaction(async (tx) => {
        const log: unknown[] = [];
        const attempt = async (label: string, n: number, name = 'u') => {
          try {
            await tx
              .insert(users)
              .values(
                Array.from({ length: n }, (_, i) => ({ name: i === n - 1 ? name : 'u', email: `${label}${i}@x` })),
              );
            log.push(`${label}:ok`);
          } catch (e) {
            const err = e as OrmError;
            log.push(`${label}:${err.code ?? err.message}:${JSON.stringify((err.details as any)?.used ?? null)}`);
          }
        };
        await attempt('a', 2, 'boom'); // rows written, after-hook throws
        await attempt('b', 4); // 2 + 4 > 5: refused, used 2
        await attempt('c', 3); // 2 + 3 = 5: fits
        await attempt('d', 1); // refused, used 5
        log.push((await tx.query.users.findMany()).length);
        return log;
      });
    });
    expect(out).toEqual(['a:after boom:null', 'b:WRITE_BUDGET_EXCEEDED:2', 'c:ok', 'd:WRITE_BUDGET_EXCEEDED:5', 5]);
  });
});
