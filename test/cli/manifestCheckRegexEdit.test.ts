// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { legacySourceChecksums, sourceChecksum } from '../../src/migrations/checksum';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const SCHEMA = `
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull() });
export default defineSchema({ todos });
`;

// docs/migrations.md, Drift: "Everything else counts: ... the text inside template literals and
// regular expressions". The checksum's tokenizer reads a `/` after the `)` of an `if` / `while` /
// `for` header, or after a block's `}`, as a division, so a regular expression there is split into
// tokens and the spaces inside it are dropped: an applied migration whose regex changed from
// / +x/ to /  +x/ (a different pattern) kept its checksum, and `migrate manifest --check` said
// "up to date" (no drift).
describe('a migration edited inside a regular expression changes its checksum', () => {
  it.each([
    ['after an if header', 'if (title) / +x/.test(title) && (hit = true);'],
    ['after a for header', 'for (const part of [title]) / +x/.test(part) && (hit = true);'],
    ['after a block', '{ hit = false; }\n      / +x/.test(title) && (hit = true);'],
  ])('%s', async (_, statement) => {
    const dir = schemaProject(SCHEMA);
    const { io, output, clock } = captureIo(dir, { call: async () => null });
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'create', 'trim', '--table', 'todos'], io)).toBe(0);
    const file = join(dir, 'convex/migrations/20260301_100000_trim.ts');
    const body = `migrateOne: async (_ctx, doc) => {
      const title = doc.title;
      let hit = false;
      ${statement}
      return hit ? { title: title.trim() } : undefined;
    },`;
    const original = readFileSync(file, 'utf8').replace(
      /migrateOne: async \(_ctx, _doc\) => \{\n\s+return undefined;\n\s+\},/,
      body,
    );
    expect(original).toContain(statement);
    writeFileSync(file, original);
    expect(await runCli(['migrate', 'manifest'], io)).toBe(0);
    // The edit: two spaces in the pattern instead of one, a different regular expression.
    writeFileSync(file, original.replace('/ +x/', '/  +x/'));
    output.stdout = '';
    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(1);
    expect(output.stdout).toBe('manifest.ts is out of date: run `convex-orm migrate manifest`.\n');

    // A manifest an earlier version wrote (the regex split, its spaces dropped) keeps its checksum
    // while the file has it (an edit of those spaces included, which that version did not see): a
    // deployment recorded it for the applied migration. Another edit gives the current checksum.
    writeFileSync(file, original);
    const manifest = join(dir, 'convex/migrations/manifest.ts');
    const [, earlier] = legacySourceChecksums(original);
    expect(earlier).not.toBe(sourceChecksum(original));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(sourceChecksum(original), earlier!));
    expect(await runCli(['migrate', 'manifest'], io)).toBe(0);
    expect(readFileSync(manifest, 'utf8')).toContain(`checksum: '${earlier}'`);
    writeFileSync(file, original.replace('/ +x/', '/  +x/'));
    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(0);
    const edited = original.replace('/ +x/', '/ +y/');
    writeFileSync(file, edited);
    expect(await runCli(['migrate', 'manifest', '--check'], io)).toBe(1);
    expect(await runCli(['migrate', 'manifest'], io)).toBe(0);
    expect(readFileSync(manifest, 'utf8')).toContain(`checksum: '${sourceChecksum(edited)}'`);
  });
});
