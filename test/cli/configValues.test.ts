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
    [{ enabled: true }, 'deploy.migrations.enabled'],
    [{ strict: 'false' }, 'deploy.migrations.strict'],
    [{ pollIntervalMs: 0 }, 'deploy.migrations.pollIntervalMs'],
  ])('%j', async (migrations, key) => {
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
    const { io, output } = captureIo(app({ deploy: { migrations } }), transport, { run });
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(output.stderr).toContain(`convex-orm.json: ${key}`);
    expect(commands).toEqual([]);
    expect(calls).toEqual([]);
  });
});
