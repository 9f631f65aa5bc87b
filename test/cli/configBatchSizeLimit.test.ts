// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

// docs/migrations.md: every batch size "is an integer from 1 to 16,000 (Convex's documents written per
// transaction)"; `--batch-size 20000` is a usage error (exit 2) before anything runs, and convex-orm.json's
// values are checked "before anything runs" too. A batchSize of 20000 in the file passed the check: deploy
// ran `convex deploy`, then the deployment's `run` refused defaultBatchSize (MIGRATION_CONFIG), exit 1.
describe('convex-orm.json batchSize over what a run takes', () => {
  it('deploy.migrations.batchSize 20000 is a usage error naming the key, before convex deploy runs', async () => {
    const cwd = tempProject({ deploy: { migrations: { batchSize: 20_000 } } });
    mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
    writeFileSync(join(cwd, 'convex/migrations.ts'), '');
    const commands: string[] = [];
    const transport: MigrationTransport = {
      call: async () => {
        throw new Error('MIGRATION_CONFIG: defaultBatchSize is 20000, over 16000');
      },
    };
    const run = async (command: string, args: readonly string[]) => {
      commands.push(`${command} ${args.join(' ')}`);
      return { code: 0, stdout: '', stderr: '' };
    };
    const { io, output } = captureIo(cwd, transport, { run });
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(output.stderr).toContain('deploy.migrations.batchSize');
    expect(commands).toEqual([]);
  });
});
