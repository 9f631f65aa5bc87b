import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// example/convex/schema.ts: tasks by_project (projectId, deletedAt), deletion('scheduled'). A `with`
// load of each project's newest tasks now reads `deletedAt isNull` as two ranges per project
// (absent, null). The load weighs per-key reads by ranges per key (rangesPerKey), so the doubled
// count tips it into the span read (one range over every task of the projects' span, deleted ones
// included, grouped in memory) at half the parents it did before: the load reads 195 documents
// where the per-key reads it replaced read 45 (one range a project, before 825d52b) and the two
// ranges a project would read at most 60.
const orm = createOrm({
  relations,
  transactionBudget: { indexRanges: 40 },
  scheduledDelete: internal.deletions.scheduledDelete,
});

/** 15 projects, each with 2 live tasks (deletedAt absent, null) and 10 soft-deleted ones. */
async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ids = [];
    for (let p = 0; p < 15; p++) ids.push(await ctx.db.insert('projects', { name: `p${p}`, taskCount: 0 }));
    for (let i = 0; i < 12; i++) {
      for (let p = 0; p < 15; p++) {
        const deletedAt = i === 0 ? undefined : i === 1 ? null : 5;
        await ctx.db.insert('tasks', {
          projectId: ids[p]!,
          title: `t${p}-${i}`,
          ...(deletedAt === undefined ? {} : { deletedAt }),
        });
      }
    }
  });
  return t;
}

describe('with: tasks newest first, over a soft-delete index (projectId, deletedAt)', () => {
  it('loads 15 projects newest 2 live tasks without reading their deleted tasks (per-key reads, not the span)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.projects.findMany({
        columns: { name: true },
        with: { tasks: { columns: { title: true }, orderBy: { _creationTime: 'desc' }, limit: 2 } },
      });
      return { rows, reads: { ...reads } };
    });
    expect(out.rows).toEqual(
      Array.from({ length: 15 }, (_, p) => ({ name: `p${p}`, tasks: [{ title: `t${p}-1` }, { title: `t${p}-0` }] })),
    );
    expect(out.reads.documents).toBeLessThanOrEqual(60);
  });
});
