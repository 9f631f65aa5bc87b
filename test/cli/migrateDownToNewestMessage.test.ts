// @vitest-environment node
// `migrate down --to <id>` where <id> is the newest applied migration has nothing to roll back
// (`--to` keeps <id>: docs/migrations.md, "roll back everything applied after <id>"). It says so,
// naming <id>, not "no applied migration to roll back" with two applied (an operator who meant to
// roll back <id> itself is told why nothing ran).
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { backfillPriority, tagTitles } from '../convex/migrations/fixtures';
import { migrationBackend, seedTodos, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo, tempProject } from './io';

describe('migrate down --to the newest applied migration', () => {
  it('says nothing is applied after it, not that nothing is applied', async () => {
    const tag = tagTitles('20260102_000000_tag_titles', 'v2');
    const backend = migrationBackend(defineMigrationSet([backfillPriority, tag]));
    await seedTodos(backend.t, 2);
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    const { io, output } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'down', '--to', tag.id], io)).toBe(0);
    expect((await backend.status()).applied).toHaveLength(2);
    expect(output.stdout).not.toContain('no applied migration');
    expect(output.stdout).toContain(`no migration is applied after '${tag.id}'`);
  });
});
