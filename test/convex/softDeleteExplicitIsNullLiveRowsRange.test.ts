import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { createOrm } from '../../src/index';
import { projectTasks, seededProjectTasks } from './softDeleteTasksFixture';

// A user's own `deletedAt: { isNull: true }` beside the ORM's is the same condition: the query
// must read, explain and be refused in strict mode exactly as without it. Since d25a313 the two are
// one range with two conjuncts, which is no longer recognised as the live rows' range.
const { tables, relations } = projectTasks();
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

/** 10 projects × 6 tasks: one soft-deleted, one with deletedAt null, the rest absent (50 live). */
function backend() {
  return seededProjectTasks(tables, 10, 6, true);
}

async function outcome(t: Awaited<ReturnType<typeof backend>>, config: (projectId: string) => any) {
  return t.run(async (raw) => {
    const [project] = await raw.db.query('projects').take(1);
    const query = config(project!._id);
    const { ctx, reads } = countReads(raw);
    const explained = orm.db(ctx).query.tasks.findMany(query).explain() as { fullScan: boolean };
    const rows = (await orm.db(ctx).query.tasks.findMany(query)).length;
    let strictRun = 'ran';
    try {
      await strict.db(raw).query.tasks.findMany(query);
    } catch (error) {
      strictRun = (error as { code?: string }).code ?? String(error);
    }
    return { rows, documents: reads.documents, fullScan: explained.fullScan, strict: strictRun };
  });
}

describe('an explicit deletedAt isNull beside the ORM own reads the live rows as the ORM own does', () => {
  it('where projectId: with the explicit isNull it is the same full scan, refused under strict', async () => {
    const t = await backend();
    const plain = await outcome(t, (projectId) => ({ where: { projectId } }));
    const explicit = await outcome(t, (projectId) => ({ where: { projectId, deletedAt: { isNull: true } } }));
    expect(plain).toEqual({ rows: 5, documents: 50, fullScan: true, strict: 'FULL_SCAN_FORBIDDEN' });
    expect(explicit).toEqual(plain);
  });

  it('where projectId newest first: the explicit isNull does not make strict run what it refuses without it', async () => {
    const t = await backend();
    const order = { _creationTime: 'desc' as const };
    const plain = await outcome(t, (projectId) => ({ where: { projectId }, orderBy: order }));
    const explicit = await outcome(t, (projectId) => ({
      where: { projectId, deletedAt: { isNull: true } },
      orderBy: order,
    }));
    expect(plain).toMatchObject({ rows: 5, fullScan: true, strict: 'FULL_SCAN_FORBIDDEN' });
    expect(explicit).toEqual(plain);
  });

  it('newest first with limit 5: the explicit isNull still reads the two points (6 documents), not every live row', async () => {
    const t = await backend();
    const order = { _creationTime: 'desc' as const };
    const plain = await outcome(t, () => ({ orderBy: order, limit: 5 }));
    const explicit = await outcome(t, () => ({ where: { deletedAt: { isNull: true } }, orderBy: order, limit: 5 }));
    expect(plain).toEqual({ rows: 5, documents: 6, fullScan: false, strict: 'ran' });
    // Was 6 documents before d25a313; it reads all 50 live tasks now.
    expect(explicit).toEqual(plain);
  });
});
