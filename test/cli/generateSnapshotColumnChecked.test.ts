// @vitest-environment node
// `migrate generate` checks each column entry of the schema snapshot (an object with a validator
// object and a boolean notNull), as it checks the snapshot's other parts: a hand-edited or badly
// merged entry is a CliError naming the file, the table and the column ("delete the file to start
// over"), nothing written, not a TypeError from the diff.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const SCHEMA = `
import { convexTable, defineSchema, text } from 'convex-orm';
export const notes = convexTable('notes', { body: text().notNull() });
export default defineSchema({ notes });
`;

it('a snapshot column without a validator is named in a CliError, not a TypeError', async () => {
  const dir = schemaProject(SCHEMA);
  mkdirSync(join(dir, 'convex/migrations'), { recursive: true });
  const snapshot = {
    version: 1,
    tables: { notes: { columns: { body: {} }, indexes: [], searchIndexes: [], vectorIndexes: [] } },
  };
  writeFileSync(join(dir, 'convex/migrations/schema.snapshot.json'), JSON.stringify(snapshot));
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['migrate', 'generate'], io)).toBe(1);
  expect(output.stderr).not.toContain('Cannot read properties');
  expect(output.stderr).toContain('schema.snapshot.json');
  expect(output.stderr).toContain('body');
  expect(readdirSync(join(dir, 'convex/migrations'))).toEqual(['schema.snapshot.json']);
});
