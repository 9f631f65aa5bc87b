// @vitest-environment node
// `pull` refuses a `defineTable(v.any())` table (a convex-orm table has a set of columns) with a
// message that says what it is: its documents are not validated; declare its fields and pull
// again. Not the message of a union of document shapes, whose advice (split it) does not apply.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({ logs: defineTable(v.any()), users: defineTable({ name: v.string() }) });
`;

it('pull refuses a v.any() table naming it as such, not as a union of document shapes', async () => {
  const dir = schemaProject(PLAIN);
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['pull'], io)).toBe(1);
  expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
  expect(output.stderr).toContain('"logs"');
  expect(output.stderr).not.toContain('union of document shapes');
  expect(output.stderr).toContain('v.any()');
});
