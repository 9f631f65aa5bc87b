// @vitest-environment node
//
// `deploy` runs `convex deploy`, `migrate up --prod`, then the deployment's
// `migrations:backfillAggregates`. An app whose convex/migrations.ts does not export it (one set
// up before aggregate indexes existed) gets Convex's raw "Could not find function ... Did you forget
// to run `npx convex deploy`?" and, after it, what to do: export `backfillAggregates` and
// `repairAggregates` with the migration functions (the list docs/migrations.md sets up, which
// `migrate check`'s advice names too). `aggregate repair` says the same of `repairAggregates`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors';
import { runCli } from '../../src/cli/main';
import { captureIo, tempProject } from './io';

describe('deploy: the deployment exports no backfillAggregates', () => {
  it('names the export to add, not only Convex\'s "did you forget to deploy"', async () => {
    const cwd = tempProject();
    mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
    writeFileSync(
      join(cwd, 'convex/migrations.ts'),
      'export const { run, runChunk, status, cancel, check } = defineMigrationFunctions({});\n',
    );
    const transport = {
      call: async (name: string, args: Record<string, unknown>) => {
        if (name === 'run') return { status: 'noop', reason: 'every migration is applied' };
        throw new CliError(
          `npx convex run migrations:${name} ${JSON.stringify(args)} --prod failed:\nFailed to run function "migrations:${name}":\nError: Could not find function for 'migrations:${name}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
        );
      },
    };
    const run = async () => ({ code: 0, stdout: '', stderr: '' });
    const { io, output } = captureIo(cwd, transport, { run });
    await runCli(['deploy'], io);
    expect(output.stderr).toContain("Could not find function for 'migrations:backfillAggregates'");
    expect(output.stderr).toContain(
      'If the deployment has no `migrations:backfillAggregates`, export it: `export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } = defineMigrationFunctions(...)`, then deploy.',
    );
  });

  it('aggregate repair names repairAggregates', async () => {
    const transport = {
      call: async (name: string) => {
        throw new CliError(
          `npx convex run migrations:${name} {} failed:\nCould not find function for 'migrations:${name}'.`,
        );
      },
    };
    const { io, output } = captureIo(tempProject(), transport);
    expect(await runCli(['aggregate', 'repair'], io)).toBe(1);
    expect(output.stderr).toContain('If the deployment has no `migrations:repairAggregates`, export it:');
  });
});
