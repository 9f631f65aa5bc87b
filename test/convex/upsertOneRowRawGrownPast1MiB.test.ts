/**
 * A one-row upsert whose update branch's beforeUpdate hook grows the conflicting row through
 * `ctx.raw` (700 KB) and whose `set` adds 400 KB is refused with VALIDATION before its write, as
 * a statement of several rows is (docs/triggers.md): the one-row path (checks and the write in one
 * step) now measures such a row too. It resolved, and convex-test stored a 1.1 MB document
 * (Convex would refuse the write with its own error).
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

const blobs = convexTable('blobs', { name: text().notNull().unique(), a: text(), b: text() });
const tables = { blobs };
const schema = defineSchema(tables);
const relations = defineRelations(tables);

const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: { data?: { code?: string } }) => e?.data?.code ?? `untyped: ${String(e)}`,
  );

it('a one-row upsert whose update-branch hook grew the row raw is VALIDATION past 1 MiB', async () => {
  const t = convexTest({ schema, modules });
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      blobs: {
        beforeUpdate: async ({ old }, ctx) => {
          await ctx.raw.patch((old as any)._id, { b: 'y'.repeat(700_000) });
        },
      },
    }),
  });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx) as any;
    await db.insert(blobs).values({ name: 'one' });
    const result = await outcome(
      db
        .insert(blobs)
        .values({ name: 'one' })
        .onConflictDoUpdate({ target: blobs.name, set: { a: 'x'.repeat(400_000) } }),
    );
    const row = (await ctx.db.query('blobs').first()) as any;
    return { result, bytes: JSON.stringify(row).length };
  });
  expect(out.result).toBe('VALIDATION');
  expect(out.bytes).toBeLessThan(1024 * 1024);
});
