// @vitest-environment node
// `pull` refuses an index, or a search index's filter field, on a field the table does not declare
// (Convex accepts it): exit 1 naming the table, the index and the field, and no file written, as
// for the other schemas it cannot say (docs/tooling.md); it wrote `on(t.b)`, a file that did not load.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const plain = (tables: string) => `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
${tables}
});
`;

describe('pull: an index on a field the table does not declare', () => {
  it.each([
    ['an index', `  a: defineTable({ x: v.string() }).index('by_b', ['b']),`, 'by_b', 'b'],
    [
      'a search index filter',
      `  a: defineTable({ x: v.string() }).searchIndex('s', { searchField: 'x', filterFields: ['zz'] }),`,
      's',
      'zz',
    ],
  ])('%s: exit 1 naming the table, index and field, and no file written', async (_, tables, index, field) => {
    const dir = schemaProject(plain(tables));
    const { io, output } = captureIo(dir, { call: async () => null });
    const code = await runCli(['pull'], io);
    expect(code).toBe(1);
    expect(output.stderr).toContain('"a"');
    expect(output.stderr).toContain(`"${index}"`);
    expect(output.stderr).toContain(`"${field}"`);
    expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
  });
});
