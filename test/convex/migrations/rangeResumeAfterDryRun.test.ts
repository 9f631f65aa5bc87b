// Claim check (from a review that found no bug). docs/migrations.md "Resume": a failed migration
// "continues from its last committed cursor: every document is migrated exactly once", and a dry run
// "writes nothing ... no migration state is recorded". No existing test combines them on a `range`
// step walked newest first (`.order('desc')`) whose patch takes each document out of its range, with
// dry runs (one failing, one succeeding at another batch size) between the failed run and the resume,
// under transactionLimits. Side effects (a `groups` row per migrateOne call that committed) count
// exactly 12 for 12 todos in both orders.
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { countOf, migrationBackend, seedTodos, todos } from './harness';

function closeAll(opts: { poison: () => string | undefined; desc?: boolean }) {
  return defineMigration<DataModel>({
    id: '20260101_000000_close',
    up: {
      table: 'todos',
      range: (q) => {
        const r = q.withIndex('by_done', (i) => i.eq('done', false));
        return opts.desc ? r.order('desc') : r;
      },
      migrateOne: async (ctx, doc) => {
        await ctx.db.insert('groups', { name: `side ${doc._id}` });
        if (doc.title === opts.poison()) throw new Error('poison');
        return { done: true, title: `${doc.title}!` };
      },
    },
  });
}

for (const desc of [false, true]) {
  it(`range (desc=${desc}) resume after failure, with a dry run between: exactly once`, async () => {
    let poison: string | undefined = 'todo 6';
    const backend = migrationBackend(
      defineMigrationSet([closeAll({ poison: () => poison, desc })]),
      undefined,
      undefined,
      true,
    );
    await seedTodos(backend.t, 12);
    const failed = await backend.run({ direction: 'up', batchSize: 3 });
    expect(failed.status).toBe('failed');
    const dry = await backend.run({ direction: 'up', dryRun: true, batchSize: 3 });
    expect(dry.status).toBe('failed');
    poison = undefined;
    const dry2 = await backend.run({ direction: 'up', dryRun: true, batchSize: 5 });
    expect(dry2.status).toBe('dry_run');
    const ok = await backend.run({ direction: 'up', batchSize: 3 });
    expect(ok.status).toBe('completed');
    const all = await todos(backend.t);
    expect(all.every((t) => t.done && /^todo \d+!$/.test(t.title))).toBe(true);
    expect(await countOf(backend.t, 'groups')).toBe(12);
    expect(ok.progress[0]).toMatchObject({ processed: 12, changed: 12 });
  });
}
