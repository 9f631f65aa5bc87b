// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { buildSnapshot } from '../../src/cli/snapshot';
import { convexTable, defineSchema, foreignKey, getTableConfig, text } from '../../src/index';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

// A foreign key declared on the column and on the table (one default name, one definition) is one
// constraint in the snapshot, so migrate generate does not list it as new on every run.
const SOURCE = (extra = '') => `
import { convexTable, defineSchema, foreignKey, text } from 'convex-orm';
export const owners = convexTable('owners', { slug: text().notNull().unique() });
export const files = convexTable(
  'files',
  { holder: text().references(() => owners.slug), name: text()${extra} },
  (t) => [foreignKey({ columns: [t.holder], foreignColumns: [owners.slug] })],
);
export default defineSchema({ owners, files });
`;

describe('a foreign key declared on the column and on the table (one name, one definition)', () => {
  it('is snapshotted once', () => {
    const owners = convexTable('owners', { slug: text().notNull().unique() });
    const files = convexTable('files', { holder: text().references(() => owners.slug) }, (t) => [
      foreignKey({ columns: [t.holder], foreignColumns: [owners.slug] }),
    ]);
    defineSchema({ owners, files });
    const snapshot = buildSnapshot([getTableConfig(owners), getTableConfig(files)]);
    const fks = (snapshot.tables.files!.constraints ?? []).filter((c) => c.kind === 'foreignKey');
    expect(fks.map((c) => c.name)).toEqual(['files_holder_fk']);
  });

  it('migrate generate does not report the unchanged files_holder_fk as new on every run', async () => {
    const dir = schemaProject(SOURCE());
    const { io, output, clock } = captureIo(dir, { call: async () => null });
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    writeSchema(dir, SOURCE(', note: text()'));
    output.stdout = '';
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stdout).toContain('files.note: new nullable column');
    expect(output.stdout).not.toContain('files_holder_fk');
  });
});
