// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

/** A project with a migrations module and one migration file, so `enabled: auto` runs migrations. */
function app(config: object = {}) {
  const cwd = tempProject(config);
  mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
  writeFileSync(join(cwd, 'convex/migrations.ts'), '');
  writeFileSync(join(cwd, 'convex/migrations/20260101_000000_a.ts'), "export const id = '20260101_000000_a';\n");
  return cwd;
}

function runner() {
  const commands: string[] = [];
  const run = async (command: string, args: readonly string[]) => {
    commands.push(`${command} ${args.join(' ')}`);
    return { code: 0, stdout: '', stderr: '' };
  };
  return { run, commands };
}

const driftBlocked: MigrationTransport = { call: async () => ({ status: 'drift_blocked', drift: [] }) };

describe('dev takes the options of migrate up, --strict / --no-strict included', () => {
  it('dev --strict stops (exit 1) when migrate up is blocked, instead of going on to convex dev', async () => {
    const { run, commands } = runner();
    const { io } = captureIo(app(), driftBlocked, { run });
    expect(await runCli(['dev', '--strict'], io)).toBe(1);
    expect(commands).toEqual(['npx convex dev --once']);
  });

  it('dev --no-strict only warns when convex-orm.json sets dev.migrations.strict: true', async () => {
    const { run, commands } = runner();
    const { io, output } = captureIo(app({ dev: { migrations: { strict: true } } }), driftBlocked, { run });
    expect(await runCli(['dev', '--no-strict'], io)).toBe(0);
    expect(commands).toEqual(['npx convex dev --once', 'npx convex dev']);
    expect(output.stderr).toContain('Warning: migrate up did not complete; continuing with convex dev.');
  });
});
