// @vitest-environment node
// A checksum this version writes is compared with the current normalization only: an edit that
// only an earlier normalization cannot see (an empty statement after an `if` header, which the
// oldest dropped; an array elision, which the earlier ones dropped) changes the checksum of a file
// this version checksummed, and `migrate manifest --check` reports the manifest out of date. Only
// a checksum an earlier version wrote (untagged) may match an earlier normalization
// (docs/migrations.md, Drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const SCHEMA = `
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull() });
export default defineSchema({ todos });
`;

describe('an edit an earlier normalization does not see is drift in a file of this version', () => {
  it.each([
    [
      'an empty statement after an if header',
      'if (doc.title === "")\n        return { title: "untitled" }',
      'if (doc.title === "");\n        return { title: "untitled" }',
    ],
    ['an array elision', 'const tags = []\n      void tags', 'const tags = [,]\n      void tags'],
  ])('%s', async (_, before, after) => {
    const dir = schemaProject(SCHEMA);
    const { io, output, clock } = captureIo(dir, { call: async () => null });
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'create', 'fill', '--table', 'todos'], io)).toBe(0);
    const file = join(dir, 'convex/migrations/20260301_100000_fill.ts');
    const original = readFileSync(file, 'utf8').replace(
      /migrateOne: async \(_ctx, _doc\) => \{\n\s+return undefined;\n\s+\},/,
      `migrateOne: async (_ctx, doc) => {
      ${before}
      return undefined;
    },`,
    );
    expect(original).toContain(before);
    writeFileSync(file, original);
    expect(await runCli(['migrate', 'manifest'], io)).toBe(0);
    writeFileSync(file, original.replace(before, after));
    output.stdout = '';
    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(1);
    expect(output.stdout).toBe('manifest.ts is out of date: run `convex-orm migrate manifest`.\n');
  });
});
