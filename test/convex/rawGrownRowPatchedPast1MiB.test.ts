/**
 * A beforeUpdate hook that grows, through `ctx.raw`, a row its own statement goes on to update
 * (docs/triggers.md: "the statement's patch is merged over it, as Convex merges writes"): when the
 * meter's estimate of the merged document passes Convex's 1 MiB, the row is read as stored and the
 * patch measured over it, and a document that does pass it is `VALIDATION` before the statement's
 * first write (docs/mutations.md, Convex limits). The estimate was capped at 1 MiB, so the statement
 * wrote its first row and Convex refused the second patch with its own error (a half-written
 * statement when caught); convex-test, which does not enforce 1 MiB, stored a 1.1 MB document.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  type TriggersConfig,
  text,
} from '../../src/index';

// The review's trigger schema: blobs, two large text columns beside a name.
const blobs = convexTable('blobs', { name: text().notNull(), a: text(), b: text() });
const tables = { blobs };
const schema = defineSchema(tables);
const relations = defineRelations(tables);

/** A backend whose ORM runs `config`'s triggers; `run` gets the ORM db and the raw ctx. */
function backend(config: TriggersConfig<typeof relations>) {
  const t = convexTest({ schema, modules });
  const orm = createOrm({ relations, triggers: defineTriggers(relations, config) });
  const run = <R>(fn: (db: any, ctx: any) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx) as any, ctx));
  return { t, orm, run };
}

/** What a statement did: 'resolved', or the code it rejected with. */
const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'resolved',
    (e: { data?: { code?: string } }) => e?.data?.code ?? `untyped: ${String(e)}`,
  );

/**
 * Two rows; the first's beforeUpdate hook grows the second's `grown` field to 700 KB through
 * `ctx.raw`; then the statement sets `a` to 400 KB on both. The outcome and the stored `a` and
 * `b` lengths (null when absent).
 */
async function grownThenPatched(grown: 'a' | 'b') {
  const { run } = backend({
    blobs: {
      beforeUpdate: async ({ old }, ctx) => {
        if (old.name !== 'first') return;
        const second = await ctx.raw
          .query('blobs')
          .filter((q) => q.eq(q.field('name'), 'second'))
          .first();
        await ctx.raw.patch(second!._id, { [grown]: 'y'.repeat(700_000) });
      },
    },
  });
  return run(async (db, ctx) => {
    await db.insert(blobs).values([{ name: 'first' }, { name: 'second' }]);
    const result = await outcome(
      db
        .update(blobs)
        .set({ a: 'x'.repeat(400_000) })
        .all(),
    );
    const rows = await ctx.db.query('blobs').collect();
    return { result, stored: rows.map((row: any) => [row.a?.length ?? null, row.b?.length ?? null]) };
  });
}

describe('a row grown raw by a before-hook, then patched by its statement', () => {
  it('is refused with VALIDATION before the first write when the merged document passes 1 MiB', async () => {
    // Nothing of the statement written (the hook's raw patch, a write of its own, stays).
    expect(await grownThenPatched('b')).toEqual({
      result: 'VALIDATION',
      stored: [
        [null, null],
        [null, 700_000],
      ],
    });
  });

  it('goes on when the statement replaces the field the raw patch grew (the estimate passes, the document fits)', async () => {
    expect(await grownThenPatched('a')).toEqual({
      result: 'resolved',
      stored: [
        [400_000, null],
        [400_000, null],
      ],
    });
  });
});
