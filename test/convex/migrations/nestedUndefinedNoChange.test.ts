// Convex drops an object field set to `undefined`: a patch `{ address: { street, unit: doc.address?.unit } }`
// of a document without a unit stores exactly what is there. The patch is compared as Convex stores
// it, so such documents are neither counted as changed nor written, in both write modes (a re-run
// writes nothing, docs/migrations.md "Patches").
import { defineMigration } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import { backendOf } from './itemsApp';

const nest = (writeMode: 'safe_bypass' | 'normal') =>
  defineMigration<any>({
    id: '20260101_000000_nest_address',
    up: {
      table: 'items',
      writeMode,
      // The usual spread of optional parts: `unit` is undefined where the document has none.
      migrateOne: async (_ctx: any, doc: any) => ({ address: { street: doc.name, unit: doc.address?.unit } }),
    },
  });

it.each(['safe_bypass', 'normal'] as const)(
  '%s: documents already in the target shape are neither counted nor written',
  async (writeMode) => {
    const backend = backendOf([nest(writeMode)]);
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('items', { name: `s${i}`, address: { street: `s${i}` } });
    });
    const dry = await backend.run({ direction: 'up', dryRun: true });
    expect(dry.progress).toEqual([expect.objectContaining({ processed: 3, changed: 0 })]);
    const run = await backend.run({ direction: 'up' });
    expect(run.status).toBe('completed');
    expect(run.progress).toEqual([expect.objectContaining({ processed: 3, changed: 0 })]);
  },
);
