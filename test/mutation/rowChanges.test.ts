import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { projects, relations, tasks } from '../../example/convex/schema';
import { runAfterTriggers } from '../../src/mutation/afterTriggers';
import { runBeforeTriggers } from '../../src/mutation/beforeTriggers';
import { changesAny, deleteChange, insertChange, type RowChange, updateChange } from '../../src/mutation/changes';
import type { Doc } from '../../src/mutation/reader';
import { isSoftDelete } from '../../src/mutation/softDelete';
import type { TriggerScope } from '../../src/mutation/triggerScope';
import { getTableConfig } from '../../src/schema/table';
import { defineTriggers, type TriggersConfig } from '../../src/triggers/define';

const projectTable = getTableConfig(projects);
const taskTable = getTableConfig(tasks);
const stored = (fields: Record<string, unknown>): Doc =>
  ({
    _id: 'p1' as GenericId<'projects'>,
    _creationTime: 1,
    name: 'a',
    taskCount: 0,
    deletedAt: null,
    ...fields,
  }) as Doc;

/** A scope over `config` whose hook ctx records what it was made for (no database: the stages read nothing). */
function scope(config: TriggersConfig<typeof relations>): TriggerScope & { contexts: string[] } {
  const contexts: string[] = [];
  return {
    triggers: defineTriggers(relations, config),
    depth: 0,
    contexts,
    context: (operation, table) => {
      contexts.push(`${operation} ${table}`);
      return { db: undefined as never, raw: undefined as never, operation, table };
    },
    hooks: (run) => run(),
  };
}

describe('RowChange', () => {
  it('an update change is the stored row with the patch applied; changesAny reads the patch', () => {
    const change = updateChange(projectTable, stored({}), { name: 'b' });
    expect(change).toMatchObject({
      operation: 'update',
      id: 'p1',
      new: { name: 'b', taskCount: 0 },
      patch: { name: 'b' },
    });
    expect(changesAny(change, ['name'])).toBe(true);
    expect(changesAny(change, ['taskCount'])).toBe(false);
    expect(changesAny(insertChange(projectTable, { name: 'x' }), ['taskCount'])).toBe(true);
    expect(changesAny(deleteChange(projectTable, stored({})), ['name'])).toBe(false);
    // A column named like a prototype key is written only when the patch has it.
    expect(changesAny(change, ['constructor', 'toString'])).toBe(false);
    // A field written with the value it holds is not changed (Convex's value equality: -0 is not 0).
    expect(changesAny(updateChange(projectTable, stored({}), { taskCount: 0, name: 'a' }), ['taskCount'])).toBe(false);
    expect(changesAny(updateChange(projectTable, stored({}), { taskCount: -0 }), ['taskCount'])).toBe(true);
    // Absent and null are one value to every key (unique keys hold them as one; a null key is never
    // looked up): removing a field that holds null, or writing null over an absent one, changes no key.
    expect(changesAny(updateChange(projectTable, stored({}), { deletedAt: null }), ['deletedAt'])).toBe(false);
    expect(changesAny(updateChange(projectTable, stored({}), { deletedAt: undefined }), ['deletedAt'])).toBe(false);
    expect(changesAny(updateChange(projectTable, stored({}), { deletedAt: 5 }), ['deletedAt'])).toBe(true);
  });

  it('setting the deletion column of a live row is a soft delete; clearing it or other updates are not', () => {
    expect(isSoftDelete(updateChange(projectTable, stored({}), { deletedAt: 5 }))).toBe(true);
    expect(isSoftDelete(updateChange(projectTable, stored({ deletedAt: 5 }), { deletedAt: 6 }))).toBe(false);
    expect(isSoftDelete(updateChange(projectTable, stored({ deletedAt: 5 }), { deletedAt: null }))).toBe(false);
    expect(isSoftDelete(updateChange(projectTable, stored({}), { name: 'b' }))).toBe(false);
    expect(isSoftDelete(deleteChange(projectTable, stored({})))).toBe(false);
  });
});

describe('before-triggers stage', () => {
  it('keeps changes without hooks as they are, and skips those already done', async () => {
    const change = updateChange(projectTable, stored({}), { name: 'b' });
    const hooked = scope({ projects: { beforeUpdate: () => ({ name: 'c' }) } });
    expect(await runBeforeTriggers(null, [change])).toEqual([change]);
    const [same] = await runBeforeTriggers(hooked, [change], new Set([change]));
    expect(same).toBe(change);
    expect(hooked.contexts).toEqual([]);
  });

  it('a returned row replaces an insert (a generated column it leaves out keeps the value shown); returned values merge into an update, only what changed', async () => {
    const hooked = scope({
      tasks: { beforeInsert: (row) => ({ projectId: row.projectId, title: row.title.toUpperCase() }) },
      projects: { beforeUpdate: ({ new: next }) => ({ ...next, taskCount: next.taskCount + 1 }) },
    });
    const insert = insertChange(taskTable, { projectId: 'p1', title: 'x', deletedAt: null }, new Set(['u']));
    const update = updateChange(projectTable, stored({}), { name: 'b' });
    const [inserted, updated] = await runBeforeTriggers(hooked, [insert, update]);
    expect(inserted).toEqual({
      table: taskTable,
      operation: 'insert',
      id: null,
      old: null,
      new: { projectId: 'p1', title: 'X', deletedAt: null },
    });
    expect(updated).toMatchObject({
      operation: 'update',
      patch: { name: 'b', taskCount: 1 },
      new: { name: 'b', taskCount: 1 },
    });
    expect(hooked.contexts).toEqual(['insert tasks', 'update projects']);
  });

  it('a throwing hook rejects the stage (the veto): later changes get no hook', async () => {
    const seen: string[] = [];
    const hooked = scope({
      projects: {
        beforeDelete: ({ old }) => {
          seen.push(old.name);
          if (old.name === 'no') throw new Error('vetoed');
        },
      },
    });
    const changes = ['a', 'no', 'c'].map((name) => deleteChange(projectTable, stored({ name })));
    await expect(runBeforeTriggers(hooked, changes)).rejects.toThrow('vetoed');
    expect(seen).toEqual(['a', 'no']);
  });
});

describe('after-triggers stage', () => {
  it('runs the own hook then afterChange per change, in order, with decoded rows from the plan', async () => {
    const events: unknown[] = [];
    const hooked = scope({
      projects: {
        afterInsert: ({ new: row }) => void events.push(['afterInsert', row]),
        afterDelete: ({ old }) => void events.push(['afterDelete', old.name]),
        afterChange: ({ operation, id }) => void events.push(['afterChange', operation, id]),
      },
    });
    const written: RowChange[] = [
      {
        ...insertChange(projectTable, { name: 'n', taskCount: 0, deletedAt: null }),
        id: 'p2' as GenericId<'projects'>,
      },
      updateChange(taskTable, { _id: 't1', _creationTime: 1, projectId: 'p1', title: 'x' } as unknown as Doc, {
        title: 'y',
      }),
      deleteChange(projectTable, stored({})),
    ];
    await runAfterTriggers(hooked, written);
    expect(events).toEqual([
      ['afterInsert', { _id: 'p2', name: 'n', taskCount: 0, deletedAt: null }],
      ['afterChange', 'insert', 'p2'],
      ['afterDelete', 'a'],
      ['afterChange', 'delete', 'p1'],
    ]);
  });
});
