// @vitest-environment node
// `pull` refuses (exit 1, nothing written, the table and field named) a field under two vector
// indexes of different dimensions, which Convex takes (each index holds the vectors of its length):
// a convex-orm vector index takes its dimensions from its `vector(n)` column, so pulling it kept
// the last index's dimensions for both (`vector(3)`), and the ORM then refused every stored
// 2-dimension vector on write. docs/tooling.md: pull refuses what a convex-orm schema cannot say.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportedSchema, loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  docs: defineTable({ e: v.array(v.float64()) })
    .vectorIndex('small', { vectorField: 'e', dimensions: 2 })
    .vectorIndex('large', { vectorField: 'e', dimensions: 3 }),
});
`;

it('two vector indexes of different dimensions on one field: refused, or pulled with both dimensions', async () => {
  const dir = schemaProject(PLAIN);
  const { io, output } = captureIo(dir, { call: async () => null });
  const code = await runCli(['pull'], io);
  const out = join(dir, 'convex/ormSchema.ts');
  if (code !== 0) {
    expect(code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(output.stderr).toContain('"docs"');
    expect(output.stderr).toContain('"e"');
    return;
  }
  const pulled = exportedSchema(await loadSchemaModule(dir, out), out).tables.find((t) => t.tableName === 'docs');
  const dimensions = Object.fromEntries(
    pulled!.vectorIndexes.map((index) => [index.indexDescriptor, index.dimensions]),
  );
  expect(dimensions).toEqual({ small: 2, large: 3 });
});
