// @vitest-environment node
// `pull` refuses a vector index's filter field the table does not declare, and an undeclared search
// or vector field itself: exit 1 naming the table, the index and the field, and no file written
// (docs/tooling.md; an index and a search filter field: pullIndexOnUndeclaredField.test.ts).
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

describe('pull: a vector or search index on a field the table does not declare', () => {
  it.each([
    [
      'a vector index filter',
      `  a: defineTable({ e: v.array(v.float64()) }).vectorIndex('vi', { vectorField: 'e', dimensions: 2, filterFields: ['zz'] }),`,
      'vi',
      'zz',
    ],
    [
      'a vector index field',
      `  a: defineTable({ x: v.string() }).vectorIndex('vi', { vectorField: 'emb', dimensions: 2 }),`,
      'vi',
      'emb',
    ],
    [
      'a search index field',
      `  a: defineTable({ x: v.string() }).searchIndex('s', { searchField: 'body' }),`,
      's',
      'body',
    ],
  ])('%s: exit 1 naming the table, index and field, and no file written', async (_, tables, index, field) => {
    const dir = schemaProject(plain(tables));
    const { io, output } = captureIo(dir, { call: async () => null });
    const code = await runCli(['pull'], io);
    expect({ code, stderr: output.stderr }).toMatchObject({ code: 1 });
    expect(output.stderr).toContain('"a"');
    expect(output.stderr).toContain(`"${index}"`);
    expect(output.stderr).toContain(`"${field}"`);
    expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
  });
});
