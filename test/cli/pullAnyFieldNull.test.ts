// @vitest-environment node
// `pull` makes a required `v.any()` field (it holds `null`) a nullable `json()` column, and an
// array of `v.any()` an array of nullable elements: the ORM then writes `{ data: null }` and
// `[null]`, which the plain schema accepts (docs/tooling.md: every stored document still passes).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  docs: defineTable({ data: v.any(), list: v.array(v.any()) }),
});
`;

async function pulledDocs() {
  const dir = schemaProject(PLAIN);
  const { io, output } = captureIo(dir, { call: async () => null });
  const code = await runCli(['pull'], io);
  expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
  const module = await loadSchemaModule(dir, join(dir, 'convex/ormSchema.ts'));
  return module.docs as never;
}

const ids = { normalizeId: () => null, system: { normalizeId: () => null } } as never;

describe('pull: a required v.any() field', () => {
  it("the pulled table's ORM write validation accepts { data: null, list: [null] }, which the plain schema accepts", async () => {
    const docs = await pulledDocs();
    expect(() => validateRow(ids, getTableConfig(docs), { data: null, list: [null] })).not.toThrow();
  });
});
