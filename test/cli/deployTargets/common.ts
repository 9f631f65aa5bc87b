import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeManifest } from '../../../src/cli/manifest';
import type { MigrationTransport } from '../../../src/cli/transport';
import { tempProject } from '../io';

/** A project with `convex/migrations<ext>` and one migration file listed in its manifest. */
export function app(config: object = {}, moduleFile = 'migrations.ts') {
  const cwd = tempProject(config);
  mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
  writeFileSync(join(cwd, 'convex', moduleFile), '');
  writeFileSync(join(cwd, 'convex/migrations/20260101_000000_a.ts'), "export const id = '20260101_000000_a';\n");
  writeManifest(join(cwd, 'convex/migrations'));
  return cwd;
}

/** Records `npx ...` commands; every one exits 0. */
export function runner() {
  const commands: string[] = [];
  const run = async (command: string, args: readonly string[]) => {
    commands.push(`${command} ${args.join(' ')}`);
    return { code: 0, stdout: '', stderr: '' };
  };
  return { run, commands };
}

/** A deployment with a pending migration that completes at once, recording the calls. */
export function deployment() {
  const calls: string[] = [];
  const transport: MigrationTransport = {
    call: async (name) => {
      calls.push(name);
      if (name === 'run')
        return {
          status: 'running',
          runId: 'r1',
          migrationIds: ['20260101_000000_a'],
          dryRun: false,
          alreadyActive: false,
        };
      if (name === 'status')
        return {
          run: {
            runId: 'r1',
            direction: 'up',
            dryRun: false,
            status: 'completed',
            migrationIds: ['20260101_000000_a'],
            currentIndex: 0,
            chunks: 1,
            progress: [{ migrationId: '20260101_000000_a', status: 'completed', processed: 1, changed: 1 }],
          },
        };
      return { batch: null, remaining: 0 };
    },
  };
  return { transport, calls };
}
