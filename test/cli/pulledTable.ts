// The tables `convex-orm pull` writes, loaded: for tests that check what a pulled table accepts.
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
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
