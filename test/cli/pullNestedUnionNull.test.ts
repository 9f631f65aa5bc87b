// @vitest-environment node
// `pull` reads a `null` inside a nested union (`v.union(v.string(), v.union(v.number(), v.null()))`,
// an array element's too) as a top-level one: a nullable column, not `.notNull()`, so the ORM's
// write validation, insertValidator and selectValidator accept every document the plain schema
// accepts (docs/tooling.md: every stored document still passes).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validatorJson } from '../../src/migrations/validatorJson';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { insertValidator, selectValidator } from '../../src/validators';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const PLAIN = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
const maybeNumber = v.union(v.number(), v.null());
export default defineSchema({
  docs: defineTable({
    nick: v.union(v.string(), maybeNumber),
    tags: v.array(v.union(v.string(), maybeNumber)),
  }),
});
`;

/** A document the plain schema accepts. */
const STORED = { nick: null, tags: ['a', null, 1] };

async function pulledDocs() {
  const dir = schemaProject(PLAIN);
  const { io, output } = captureIo(dir, { call: async () => null });
  const code = await runCli(['pull'], io);
  expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
  const module = await loadSchemaModule(dir, join(dir, 'convex/ormSchema.ts'));
  return module.docs as never;
}

const anyId = () => true;
const ids = { normalizeId: () => null, system: { normalizeId: () => null } } as never;

describe('pull: a required field whose nested union holds null', () => {
  it('is a nullable column (its element a nullable one), not .notNull()', async () => {
    const config = getTableConfig(await pulledDocs());
    expect(config.columns.nick!.definition.notNull).toBe(false);
    expect(config.columns.tags!.definition.element?.notNull).toBe(false);
  });

  it("the pulled table's ORM write validation accepts a document the plain schema accepts", async () => {
    const docs = await pulledDocs();
    expect(() => validateRow(ids, getTableConfig(docs), { ...STORED })).not.toThrow();
  });

  it("the pulled table's insertValidator and selectValidator accept it", async () => {
    const docs = await pulledDocs();
    expect(matchesValidator(validatorJson(insertValidator(docs)), STORED, anyId)).toBe(true);
    const row = { _id: 'x', _creationTime: 1, ...STORED };
    expect(matchesValidator(validatorJson(selectValidator(docs)), row, anyId)).toBe(true);
  });
});
