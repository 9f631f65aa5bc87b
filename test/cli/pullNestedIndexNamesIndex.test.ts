// @vitest-environment node
// docs/tooling.md "Pull": pull "names the table, index and field" when it refuses a schema. For an
// index on a nested field it named the table and the field only (found by review), so in a table of
// several indexes the user was not told which to change; it names the index, as the other refusals do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

it('pull names the index on a nested field it refuses', async () => {
  const dir = schemaProject(`
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  posts: defineTable({ title: v.string(), meta: v.object({ kind: v.string() }) })
    .index('by_title', ['title'])
    .index('by_kind', ['meta.kind']),
});
`);
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['pull'], io)).toBe(1);
  expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
  expect(output.stderr).toContain('meta.kind');
  expect(output.stderr).toContain('by_kind');
});
