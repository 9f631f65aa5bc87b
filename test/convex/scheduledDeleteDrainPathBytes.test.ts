import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { MAX_DRAIN_DEPTH } from '../../src/deletion/drain';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const revisions = convexTable(
  'revisions',
  {
    projectId: id('projects').references(() => projects._id, { onDelete: 'cascade' }),
    previousId: id('revisions').references((): AnyColumn => revisions._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_project').on(t.projectId), index('by_previous').on(t.previousId)],
);
const schema = defineSchema({ projects, revisions });
const relations = defineRelations({ projects, revisions });
const MODULE = 'reviewDrainBytes';

afterEach(() => {
  vi.useRealTimers();
});

// docs/mutations.md: "A drain goes down at most 64 rows deep (each job reads its path again): a chain
// of rows each cascading from the one before whose every row carries more than one transaction writes
// (revisions of revisions) and goes deeper fails its job with WRITE_BUDGET_EXCEEDED (or
// SCAN_BUDGET_EXCEEDED) naming the depth". MAX_DRAIN_DEPTH (src/deletion/drain.ts:27) is sized by
// Convex's 4,096 reads by id, but the path's rows are read whole (stillCascading, drain.ts:138) and
// Convex's read limit is 16 MiB: 64 rows of up to 1 MiB do not fit. A chain of 30 revisions of 700 KB
// each (well under 64) drains down to a path of 22 rows, then its job fails with a SCAN_BUDGET_EXCEEDED
// about reading index "by_previous" (the batch read after the path re-read took ~15 MiB), which names
// neither the depth nor the cause, after halving jobs that could never help; 30 rows are left.
// The descent is now bounded by the bytes of the path as well (MAX_DRAIN_PATH_BYTES, half of what a
// transaction may read): the drain stops there with the typed error naming the depth and the bytes.
describe('the drain path re-read of large rows', () => {
  it('a chain of 30 large rows (shallower than MAX_DRAIN_DEPTH) stops at the path-bytes bound, naming depth and bytes', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    });
    const orm = createOrm({
      relations,
      transactionBudget: { documentsWritten: 6 },
      scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
    });
    const functions = defineDeletionFunctions({
      orm,
      internalMutation: internalMutationGeneric,
      self: anyApi[MODULE] as never,
    });
    const t = convexTest({
      schema,
      modules: { ...modules, [`./${MODULE}.ts`]: async () => functions },
      transactionLimits: true,
    } as never);
    const big = 'x'.repeat(700 * 1024);
    const length = 30;
    const [project, first] = await t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      return [project, await ctx.db.insert('revisions', { projectId: project, previousId: null, body: big })] as const;
    });
    let previousId = first;
    for (let i = 1; i < length; i++) {
      previousId = await t.run((ctx) => ctx.db.insert('revisions', { projectId: null, previousId, body: big }));
    }
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const jobs = await t.run(async (ctx) =>
      (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => ({
        kind: job.state.kind,
        error: (job.state as any).error,
        depth: (job.args[0] as any)?.drain?.length,
      })),
    );
    let left = 0;
    let cursor: string | null = null;
    for (;;) {
      const page: any = await t.run((ctx) => ctx.db.query('revisions').paginate({ numItems: 10, cursor }));
      left += page.page.length;
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    spy.mockRestore();
    expect(length).toBeLessThan(MAX_DRAIN_DEPTH);
    expect(left).toBe(length);
    expect(jobs.at(-1)?.kind).toBe('failed');
    expect(errors.at(-1)).toMatch(/goes down \d+ rows deep \(\d+ bytes to read again each job\)/);
  }, 120_000);
});
