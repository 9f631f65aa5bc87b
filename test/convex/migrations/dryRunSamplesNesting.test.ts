import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend } from './harness';

/** Levels of arrays and objects in `value`, `value` itself being level 1 when it is one (Convex allows 16). */
function depth(value: unknown): number {
  if (value === null || typeof value !== 'object' || value instanceof ArrayBuffer) return 0;
  const items = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...items.map(depth));
}

/** `[[[...[1]...]]]`: `levels` arrays, one inside the other. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('dry-run samples of deeply nested values', () => {
  it('a value that fits a document (14 levels under a column) is stored in the run document within 16 levels', async () => {
    // The post titled 'deep' gets 14 levels; 'edge' gets 10, which fit exactly 6 levels down the run document.
    const levels = (title: string) => (title === 'deep' ? 14 : 10);
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_nest_meta',
          up: { table: 'posts', migrateOne: async (_ctx, post) => ({ meta: nested(levels(post.title)) as never }) },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      const authorId = await ctx.db.insert('users', { name: 'a', email: 'a@x', role: 'member', verified: false });
      await ctx.db.insert('posts', { title: 'deep', authorId });
      await ctx.db.insert('posts', { title: 'edge', authorId });
    });
    // The value the migration writes fits Convex's nesting: the post document holds 15 levels.
    expect(depth({ meta: nested(14) })).toBe(15);
    const run = await backend.run({ direction: 'up', dryRun: true });
    expect(run.status).toBe('dry_run');
    const [doc] = await backend.t.run((ctx) => ctx.db.query('migration_run').collect());
    // The sample keeps the value as it is (its JSON is short) six levels down the run document:
    // Convex refuses to store a document nested past 16 levels (convex-test does not check it).
    expect(depth(doc)).toBeLessThanOrEqual(16);
    // Too deep for the report: its JSON preview (short, so whole); shallow enough: the value as it is.
    const samples = doc!.report[0].samples as { after: { meta: unknown } }[];
    expect(samples.map((sample) => sample.after.meta)).toEqual([JSON.stringify(nested(14)), nested(10)]);
  }, 60_000);
});
