import { describe, expect, it } from 'vitest';
import { DRAIN_BATCH, drainOnce } from '../../src/deletion/drain';
import { countReads } from '../../src/testing/index';
import { drainBackend } from './drainFixture';

// A drain job deletes a batch of the rows cascading from its top row in the statement that reads
// them: each row read once. It used to read the batch's ids, then each row again by id in the
// delete (the bench's drain of 20,000 notes read 76,015 documents against the floor's 40,001).

/** A project soft-deleted at 1 with `tasks` tasks, and the drain of it (the job's arguments). */
async function drainOf(tasks: number) {
  const backend = drainBackend({});
  const project = await backend.t.run(async (ctx) => {
    const id = await ctx.db.insert('projects', { name: 'p', deletedAt: 1 });
    for (let i = 0; i < tasks; i++) await ctx.db.insert('tasks', { projectId: id, name: `t${i}` });
    return id;
  });
  const args = {
    table: 'projects',
    deletedAt: 1,
    ids: [project],
    drain: [{ table: 'projects', id: project, batch: DRAIN_BATCH }],
  };
  return { ...backend, project, args };
}

describe('a drain job reads each row of its batch once', () => {
  it('deletes 40 tasks reading the project and the 40 tasks, each once', async () => {
    const { t, orm, args } = await drainOf(40);
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted, { rules: false, rowCap: 16_000 });
      const outcome = await drainOnce({ schema: orm.schema, db, raw: counted.db }, args, () => false);
      return { outcome, reads: { ...reads }, left: (await ctx.db.query('tasks').collect()).length };
    });
    expect(result.left).toBe(0);
    expect(result.outcome).toEqual({ kind: 'next', drain: args.drain });
    // The project (its path, read again), then the tasks' range; not each task again by id.
    expect(result.reads.documents).toBe(1 + 40);
    // The project's get, the tasks' range, and each task's cascades looked up (comments, watchers, locks).
    expect(result.reads.ranges).toBe(1 + 1 + 40 * 3);
  });

  it('a job finding nothing left cascading reads the project and one empty range per cascade', async () => {
    const { t, orm, args } = await drainOf(0);
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted, { rules: false, rowCap: 16_000 });
      const outcome = await drainOnce({ schema: orm.schema, db, raw: counted.db }, args, () => false);
      return { outcome, reads: { ...reads } };
    });
    expect(result.outcome).toEqual({ kind: 'root' });
    // The project, then tasks and revisions (the project's two cascading keys), both empty.
    expect(result.reads).toEqual({ documents: 1, ranges: 3 });
  });
});
