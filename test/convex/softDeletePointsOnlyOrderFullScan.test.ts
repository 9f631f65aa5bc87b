import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { createOrm } from '../../src/index';
import { projectTasks, seededProjectTasks } from './softDeleteTasksFixture';

// docs/queries.md (strict mode): "A soft-delete table's live rows (`deletedAt isNull` through
// `by_deleted (deletedAt)`) are nearly the whole table and count as no narrowing: `where: {
// projectId }` read through `by_deleted` alone, with `projectId` residual, is a full scan". The
// live rows read as their two points (absent, then null) for a newest-first order are the same
// live rows: with `projectId` residual and no limit, every live task is read, so the read is just
// as much a full scan as the one range, and strict mode must refuse it too.
const { tables, relations } = projectTasks();
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

/** 10 projects × 6 tasks: one soft-deleted, one with deletedAt null, the rest absent. */
function backend() {
  return seededProjectTasks(tables, 10, 6, true);
}

describe('the live rows read as two points narrow nothing either', () => {
  it('where projectId, newest first, no limit: explain says fullScan and strict mode refuses it', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const [project] = await raw.db.query('projects').take(1);
      const config = { where: { projectId: project!._id }, orderBy: { _creationTime: 'desc' as const } };
      const { ctx, reads } = countReads(raw);
      const explained = orm.db(ctx).query.tasks.findMany(config).explain();
      const rows = (await orm.db(ctx).query.tasks.findMany(config)).length;
      let code: string | undefined;
      try {
        await strict.db(raw).query.tasks.findMany(config);
      } catch (error) {
        code = (error as { code?: string }).code;
      }
      return { explained, rows, documents: reads.documents, code };
    });
    // The read walks every live task (50) for the project's 5.
    expect(out).toMatchObject({ rows: 5, documents: 50 });
    expect(out.explained).toMatchObject({ index: 'by_deleted', fullScan: true });
    expect(out.code).toBe('FULL_SCAN_FORBIDDEN');
  });

  it('findMany() newest first without a limit is refused in strict mode like findMany() is', async () => {
    const t = await backend();
    const out = await t.run(async (ctx) => {
      const codes: string[] = [];
      const configs: { orderBy?: { _creationTime: 'desc' } }[] = [{}, { orderBy: { _creationTime: 'desc' } }];
      for (const config of configs) {
        try {
          await strict.db(ctx).query.tasks.findMany(config);
          codes.push('ran');
        } catch (error) {
          codes.push((error as { code?: string }).code ?? String(error));
        }
      }
      return codes;
    });
    expect(out).toEqual(['FULL_SCAN_FORBIDDEN', 'FULL_SCAN_FORBIDDEN']);
  });
});
