// @vitest-environment node
// docs/tooling.md "Pull" says the round trip keeps Convex's validators
// and that `schemaValidation: false` is carried. No existing test pulls string literals that need
// escaping in generated source (U+2028, which ends a `//` comment line in JS, and a `'`) beside a
// v.record and schemaValidation: false. The pulled file must load and export the same table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportedSchema, loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

it('pull keeps escaped enum values, a record and schemaValidation: false', async () => {
  const dir = schemaProject(`
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema(
  { e: defineTable({ k: v.union(v.literal('a\\u2028b'), v.literal("it's")), r: v.record(v.string(), v.number()) }) },
  { schemaValidation: false },
);
`);
  const { io, output } = captureIo(dir, { call: async () => null });
  expect({ code: await runCli(['pull'], io), stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
  const out = join(dir, 'convex/ormSchema.ts');
  expect(readFileSync(out, 'utf8')).toContain("k: textEnum(['a\\u2028b', 'it\\'s']).notNull(),");
  const pulled = exportedSchema(await loadSchemaModule(dir, out), out);
  const original = exportedSchema(await loadSchemaModule(dir, join(dir, 'convex/schema.ts')), 'schema');
  expect(pulled.schemaValidation).toBe(false);
  expect(pulled.tables.find((t) => t.tableName === 'e')?.documentType).toEqual(
    original.tables.find((t) => t.tableName === 'e')?.documentType,
  );
});
