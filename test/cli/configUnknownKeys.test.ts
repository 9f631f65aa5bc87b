// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

// A misspelt key of convex-orm.json ("migrationDir") was read as absent: its default applied and
// nothing said so. Every key the file does not know is a usage error (exit 2) naming it and the
// keys of its place, before anything runs.
describe('convex-orm.json keys it does not know are usage errors naming them', () => {
  it.each([
    [
      { migrationDir: 'convex/db/migrations' },
      'unknown key "migrationDir"; the keys are $schema, migrationsDir, functionsModule, deploy, dev.',
    ],
    [
      { deploy: { migration: { enabled: 'off' } } },
      'unknown key "deploy.migration"; the keys of deploy are migrations.',
    ],
    [
      { dev: { migrations: { batchsize: 64 } } },
      'unknown key "dev.migrations.batchsize"; the keys of dev.migrations are enabled, wait, batchSize, pollIntervalMs, timeoutMs, strict, allowDrift.',
    ],
    [['migrationsDir'], 'the file must be an object of settings, got ["migrationsDir"].'],
  ])('%j', async (config, message) => {
    const calls: unknown[] = [];
    const transport: MigrationTransport = {
      call: async (name) => {
        calls.push(name);
        return { status: 'noop', reason: 'every migration is applied' };
      },
    };
    const { io, output } = captureIo(tempProject(config), transport);
    expect(await runCli(['migrate', 'status'], io)).toBe(2);
    expect(output.stderr).toBe(`convex-orm.json: ${message}\n`);
    expect(calls).toEqual([]);
  });

  it('the documented keys are all accepted', async () => {
    const config = {
      migrationsDir: 'convex/migrations',
      functionsModule: 'migrations',
      deploy: {
        migrations: {
          enabled: 'auto',
          wait: true,
          batchSize: 256,
          pollIntervalMs: 1000,
          timeoutMs: 900000,
          strict: true,
          allowDrift: false,
        },
      },
      dev: { migrations: { strict: false, allowDrift: true } },
    };
    const transport: MigrationTransport = { call: async () => ({ migrations: [], activeRun: null }) };
    const { io, output } = captureIo(tempProject(config), transport);
    await runCli(['migrate', 'status'], io);
    expect(output.stderr).not.toContain('convex-orm.json');
  });
});
