import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from '../../src/index';
import { drainBackend, projects } from './drainFixture';

// Convex's own limits (transactionLimits: true): a project of 16,500 tasks, each task looked up by 3
// referencing keys when deleted (comments, watchers, locks), so a full batch of 2,048 tasks read and
// deleted by one statement opens ~6,000 index ranges, past Convex's 4,096. The ORM's meter must stop
// it with its typed limit error (halved), never Convex's own (which fails the job for good).
afterEach(() => {
  vi.useRealTimers();
});

describe('a full drain batch past the index-range limit', () => {
  it('drains 16,500 tasks without a failed job', async () => {
    vi.useFakeTimers();
    const { t, orm, left } = drainBackend({ transactionLimits: true });
    const project = await t.run((ctx) => ctx.db.insert('projects', { name: 'p', deletedAt: null }));
    for (let chunk = 0; chunk < 3; chunk++) {
      await t.run(async (ctx) => {
        for (let i = 0; i < 5_500; i++) await ctx.db.insert('tasks', { projectId: project, name: `t${chunk}-${i}` });
      });
    }
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers, 200);
    const { jobs, ...rows } = await left();
    expect(jobs).not.toContain('failed');
    expect(rows).toEqual({ projects: [], tasks: [], comments: 0, revisions: 0 });
  }, 300_000);
});
