// The tables `convex-orm pull` writes, loaded: for tests that check what a pulled table accepts.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { matchesValidator } from '../../src/migrations/matchValidator';
import { validatorJson } from '../../src/migrations/validatorJson';
import { validateRow } from '../../src/mutation/validate';
import { getTableConfig } from '../../src/schema/table';
import { insertValidator, selectValidator } from '../../src/validators';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

/** The export `name` of the schema `pull` writes for the plain Convex schema `plain` (pull must succeed). */
export async function pulledTable(plain: string, name: string): Promise<never> {
  const dir = schemaProject(plain);
  const { io, output } = captureIo(dir, { call: async () => null });
  const code = await runCli(['pull'], io);
  expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
  const module = await loadSchemaModule(dir, join(dir, 'convex/ormSchema.ts'));
  return module[name] as never;
}

/** A database view for `validateRow` whose ids are no table's (the tests' documents hold none). */
export const NO_IDS = { normalizeId: () => null, system: { normalizeId: () => null } } as never;

/**
 * Tests that the pulled table `table()` takes `stored`, a document the plain schema accepts: its ORM
 * write validation, and its generated insert and select validators.
 */
export function itAcceptsStored(table: () => Promise<never>, stored: Record<string, unknown>): void {
  it("the pulled table's ORM write validation accepts a document the plain schema accepts", async () => {
    const pulled = await table();
    expect(() => validateRow(NO_IDS, getTableConfig(pulled), { ...stored })).not.toThrow();
  });

  it("the pulled table's insertValidator and selectValidator accept it", async () => {
    const pulled = await table();
    const anyId = () => true;
    expect(matchesValidator(validatorJson(insertValidator(pulled)), stored, anyId)).toBe(true);
    const row = { _id: 'x', _creationTime: 1, ...stored };
    expect(matchesValidator(validatorJson(selectValidator(pulled)), row, anyId)).toBe(true);
  });
}
