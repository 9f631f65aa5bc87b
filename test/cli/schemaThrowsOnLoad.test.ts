// @vitest-environment node
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// A schema.ts that bundles but throws while it is evaluated (a typo reading a property of
// undefined, a convexTable config the ORM refuses at import): the error names the file that
// failed to load and keeps the module's message, as bundling errors name file and line
// (test/cli/loadSchema.test.ts).
const THROWING_SCHEMA = `import { convexTable, defineSchema, text } from 'convex-orm';
const settings: any = undefined;
export const notes = convexTable('notes', { body: text(), kind: settings.kindColumn });
export default defineSchema({ notes });
`;

describe('a schema file that throws while it loads', () => {
  for (const argv of [
    ['migrate', 'check'],
    ['migrate', 'generate'],
    ['migrate', 'create', 'backfill', '--table', 'notes'],
  ]) {
    it(`\`${argv.join(' ')}\` names the schema file that failed to load (exit 1)`, async () => {
      const dir = schemaProject(THROWING_SCHEMA);
      const { io, output } = captureIo(dir, { call: async () => null });
      const code = await runCli(argv, io);
      expect(code).toBe(1);
      expect(output.stderr).toContain(join(dir, 'convex/schema.ts'));
      expect(output.stderr).toContain("Cannot read properties of undefined (reading 'kindColumn')");
    });
  }
});
