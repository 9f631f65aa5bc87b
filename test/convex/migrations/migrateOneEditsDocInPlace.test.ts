// migrateOne gets its own copy of the document: one that edits it in place and returns it
// (`doc.priority ??= 'medium'; return doc`, as code ported from @convex-dev/migrations does) is
// compared with the document as the batch read it, so the change is written and counted (it was
// compared with itself: nothing written, the migration recorded as applied).
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

const fillInPlace = defineMigration<DataModel>({
  id: '20260101_000000_fill_in_place',
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      doc.priority ??= 'medium';
      return doc;
    },
  },
});

it.each([
  ['a real run', false],
  ['a dry run', true],
] as const)('%s: a migrateOne that edits its document and returns it changes the documents', async (_, dryRun) => {
  const backend = migrationBackend(defineMigrationSet([fillInPlace]));
  await backend.t.run(async (ctx) => {
    await ctx.db.insert('todos', { title: 'a', done: false });
    await ctx.db.insert('todos', { title: 'b', done: false, priority: 'high' });
  });
  const run = await backend.run({ direction: 'up', dryRun });
  expect(run.progress).toEqual([expect.objectContaining({ processed: 2, changed: 1 })]);
  if (!dryRun) expect((await todos(backend.t)).map((todo) => todo.priority)).toEqual(['medium', 'high']);
});
