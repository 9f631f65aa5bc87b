// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

/** A project with a migrations module, so `enabled: "auto"` would run migrations. */
function app(config: object) {
  const cwd = tempProject(config);
  mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
  writeFileSync(join(cwd, 'convex/migrations.ts'), '');
  return cwd;
}

// docs/migrations.md: `enabled` is "auto" | "on" | "off", `wait` / `strict` / `allowDrift` booleans,
// `timeoutMs` / `pollIntervalMs` numbers. A value of another type is a mistake the CLI must name
// (as it does for batchSize: exit 2 before anything runs), not one it silently reads as something
// else: `"enabled": true` turned deploy's migrations off, `"strict": "false"` turned strict on.
describe('convex-orm.json values of the wrong type are usage errors naming the key', () => {
  it.each([
    [
      { deploy: { migrations: { enabled: true } } },
      'deploy.migrations.enabled must be "auto", "on" or "off", got true.',
    ],
    [{ deploy: { migrations: { strict: 'false' } } }, 'deploy.migrations.strict must be true or false, got "false".'],
    [
      { deploy: { migrations: { pollIntervalMs: 0 } } },
      'deploy.migrations.pollIntervalMs must be a positive integer, got 0.',
    ],
    [
      { deploy: { migrations: { timeoutMs: 1.5 } } },
      'deploy.migrations.timeoutMs must be a positive integer, got 1.5.',
    ],
    [{ dev: { migrations: { allowDrift: 'yes' } } }, 'dev.migrations.allowDrift must be true or false, got "yes".'],
    [{ deploy: { migrations: 'off' } }, 'deploy.migrations must be an object, got "off".'],
    [{ dev: true }, 'dev must be an object, got true.'],
    [{ migrationsDir: ['convex/migrations'] }, 'migrationsDir must be a non-empty string, got ["convex/migrations"].'],
    [{ functionsModule: '' }, 'functionsModule must be a non-empty string, got "".'],
  ])('%j', async (config, message) => {
    const commands: string[] = [];
    const calls: unknown[] = [];
    const transport: MigrationTransport = {
      call: async (name) => {
        calls.push(name);
        return { status: 'noop', reason: 'every migration is applied' };
      },
    };
    const run = async (command: string, args: readonly string[]) => {
      commands.push(`${command} ${args.join(' ')}`);
      return { code: 0, stdout: '', stderr: '' };
    };
    const { io, output } = captureIo(app(config), transport, { run });
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(output.stderr).toBe(`convex-orm.json: ${message}\n`);
    expect(commands).toEqual([]);
    expect(calls).toEqual([]);
  });
});
