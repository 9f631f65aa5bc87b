// @vitest-environment node
/**
 * `migrate generate` records aggregate indexes in the snapshot and names their changes, with what
 * builds them (`aggregate backfill`, which `deploy` runs; Convex does not build buckets on deploy):
 * one added, changed (it keeps more) or removed is a schema change. Each printed "No schema changes",
 * the snapshot holding none of them.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const schema = (
  aggregate: string,
) => `import { aggregateIndex, convexTable, defineSchema, integer, text } from 'convex-orm';
export const posts = convexTable('posts', { author: text().notNull(), views: integer() }, (t) => [${aggregate}]);
export default defineSchema({ posts });`;

/** `migrate generate` from the schema with `from` to the one with `to`: its output. */
async function generate(from: string, to: string) {
  const dir = schemaProject(schema(from));
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, schema(to));
  output.stdout = '';
  const code = await runCli(['migrate', 'generate'], io);
  return { code, ...output };
}

describe('migrate generate and aggregate indexes', () => {
  it.each([
    [
      'added',
      '',
      "aggregateIndex('posts_by_author').on(t.author).count()",
      'new aggregate index posts_by_author; `npx convex-orm aggregate backfill` (which `deploy` runs) builds it over the stored rows.',
    ],
    [
      'changed (now also sums views)',
      "aggregateIndex('posts_by_author').on(t.author).count()",
      "aggregateIndex('posts_by_author').on(t.author).count().sum(t.views)",
      'aggregate index posts_by_author changed; `npx convex-orm aggregate backfill` (which `deploy` runs) rebuilds it.',
    ],
    [
      'removed',
      "aggregateIndex('posts_by_author').on(t.author).count()",
      '',
      'aggregate index posts_by_author removed; `npx convex-orm aggregate backfill` (which `deploy` runs) deletes its buckets.',
    ],
  ])('an aggregate index %s is a schema change the output names', async (_what, from, to, note) => {
    const { code, stdout, stderr } = await generate(from, to);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toContain('No schema changes');
    expect(stdout).toContain(`posts: ${note}`);
  });
});
