// @vitest-environment node
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_BATCH_LIMIT } from '../../src/cli/config';
import { HELP } from '../../src/cli/help';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { MAX_BATCH_SIZE } from '../../src/migrations/batchSize';
import { captureIo, tempProject } from './io';

/** A transport answering every call with `answers[name]`, recording the calls. */
function scripted(answers: Record<string, unknown>) {
  const calls: [string, Record<string, unknown>][] = [];
  const transport: MigrationTransport = {
    call: async (name, args) => {
      calls.push([name, args]);
      return answers[name];
    },
  };
  return { transport, calls };
}

const noop = {
  run: { status: 'noop', reason: 'every migration is applied' },
  backfillAggregates: { batch: null, remaining: 0 },
};

describe('convex-orm command line', () => {
  it.each(Object.keys(HELP).filter((key) => key !== '' && key !== 'migrate' && key !== 'aggregate'))(
    '`%s --help` prints usage with examples and exits 0',
    async (command) => {
      const { io, output } = captureIo(tempProject(), scripted({}).transport);
      expect(await runCli([...command.split(' '), '--help'], io)).toBe(0);
      expect(output.stdout).toBe(HELP[command]);
      expect(output.stdout).toContain(`Usage: convex-orm ${command}`);
      expect(output.stdout).toContain('Examples:\n  npx convex-orm ');
    },
  );

  it.each(['migrate', 'aggregate'])('prints a group’s help for `%s` (2) and `%s --help` / `-h` (0)', async (group) => {
    const { io, output } = captureIo(tempProject(), scripted({}).transport);
    expect(await runCli([group], io)).toBe(2);
    expect(await runCli([group, '--help'], io)).toBe(0);
    expect(await runCli([group, '-h'], io)).toBe(0);
    expect(output.stdout).toBe(HELP[group]!.repeat(3));
  });

  it('takes `help <command>` as `<command> --help`, as git and npm do (0)', async () => {
    const { io, output } = captureIo(tempProject(), scripted({}).transport);
    expect(await runCli(['help', 'migrate'], io)).toBe(0);
    expect(await runCli(['help', 'migrate', 'up'], io)).toBe(0);
    expect(await runCli(['help'], io)).toBe(0);
    expect(output.stdout).toBe(HELP.migrate! + HELP['migrate up']! + HELP['']!);
  });

  it('prints the overview for --help (0) and for no command (2)', async () => {
    const { io, output } = captureIo(tempProject(), scripted({}).transport);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(await runCli([], io)).toBe(2);
    expect(output.stdout).toBe(HELP['']!.repeat(2));
  });

  it.each([
    [['migrate', 'down', '--steps', '1', '--to', 'x'], 'Give either --steps or --to, not both.'],
    [['migrate', 'up', '--fast'], 'Unknown option --fast for `migrate up`. See `convex-orm migrate up --help`.'],
    [['migrate', 'up', '--batch-size', '0'], 'Option --batch-size must be a positive integer, got "0".'],
    [
      ['migrate', 'up', '--batch-size'],
      'Option --batch-size needs a value (a value starting with "-" as --batch-size=<value>).',
    ],
    [
      ['migrate', 'down', '--steps', '-1'],
      'Option --steps needs a value (a value starting with "-" as --steps=<value>).',
    ],
    [['migrate', 'down', '--steps=-1'], 'Option --steps must be a positive integer, got "-1".'],
    [['migrate', 'down', '--steps=1.5'], 'Option --steps must be a positive integer, got "1.5".'],
    [['migrate', 'down', '--to='], 'Option --to needs a value, got an empty one.'],
    [['migrate', 'generate', '--rename='], 'Option --rename needs a value, got an empty one.'],
    [['migrate', 'check', '--batch-size', '5000'], 'Option --batch-size of migrate check is at most 4096, got 5000.'],
    [
      ['migrate', 'up', '--batch-size', '99999999999'],
      'Option --batch-size is at most 16000 (Convex writes at most that many documents in one transaction), got 99999999999.',
    ],
    [['migrate', 'up', '--prod=yes'], 'Option --prod takes no value: give --prod, --prod=true|false or --no-prod.'],
    [
      ['migrate', 'up', '--allow-drift=0'],
      'Option --allow-drift takes no value: give --allow-drift, --allow-drift=true|false or --no-allow-drift.',
    ],
    [
      ['migrate', 'up', '--no-prod=false'],
      'Option --prod takes no value: give --prod, --prod=true|false or --no-prod.',
    ],
    [['migrate', 'up', '-x'], 'Unknown option -x for `migrate up`. See `convex-orm migrate up --help`.'],
    [
      ['migrate', 'up', '--no-batch-size'],
      'Unknown option --no-batch-size for `migrate up`. See `convex-orm migrate up --help`.',
    ],
    [['migrate', 'status', 'now'], 'Unexpected argument "now".'],
    [['migrate', 'create'], 'Usage: convex-orm migrate create <name> [--table <table>]'],
    [['migrate', 'create', 'a', 'b'], 'Unexpected argument "b".'],
    [['migrate', 'up', '--', '--prod'], '`migrate up` takes no arguments after --; got "--prod".'],
    [['migrate', 'up', 'now'], 'Unexpected argument "now".'],
    [['migrate', 'sideways'], 'Unknown command `migrate sideways`. See `convex-orm --help`.'],
    [['frobnicate'], 'Unknown command `frobnicate`. See `convex-orm --help`.'],
  ])('usage error %j exits 2', async (argv, message) => {
    const { transport, calls } = scripted({});
    const { io, output } = captureIo(tempProject(), transport);
    expect(await runCli(argv, io)).toBe(2);
    expect(output.stderr).toBe(`${message}\n`);
    expect(calls).toEqual([]);
  });

  it("a run's --batch-size limit is the runtime's (Convex's documents written per transaction)", () => {
    expect(RUN_BATCH_LIMIT).toBe(MAX_BATCH_SIZE);
  });

  it.each([
    ['convex-orm.json', '{ "deploy": { "migrations": { "batchSize": 64, } } }'],
    ['convex.json', '{ functions: "src" }'],
  ])('%s that is not JSON: exit 1, the error names the file', async (file, text) => {
    const { transport, calls } = scripted(noop);
    const cwd = tempProject();
    writeFileSync(join(cwd, file), text);
    const { io, output } = captureIo(cwd, transport);
    expect(await runCli(['migrate', 'status'], io)).toBe(1);
    expect(output.stderr).toMatch(
      new RegExp(`^${join(cwd, file).replaceAll('.', '\\.')} is not valid JSON \\(.+\\); fix it`),
    );
    expect(calls).toEqual([]);
  });

  it('sends the flags to run, with convex-orm.json defaults', async () => {
    const { transport, calls } = scripted(noop);
    const transports: object[] = [];
    const cwd = tempProject({ deploy: { migrations: { batchSize: 100 } } });
    const { io, output } = captureIo(cwd, transport, { transports });
    expect(
      await runCli(['migrate', 'down', '--to', '20260101_000000_a', '--prod', '--dry-run', '--allow-drift'], io),
    ).toBe(0);
    expect(await runCli(['migrate', 'up', '--batch-size=64'], io)).toBe(0);
    expect(calls).toEqual([
      ['run', { direction: 'down', to: '20260101_000000_a', dryRun: true, allowDrift: true, defaultBatchSize: 100 }],
      ['run', { direction: 'up', dryRun: false, allowDrift: false, batchSize: 64, defaultBatchSize: 100 }],
    ]);
    expect(transports).toEqual([
      { module: 'migrations', prod: true },
      { module: 'migrations', prod: false },
    ]);
    expect(output.stdout).toBe(
      'Nothing to migrate down: every migration is applied.\nNothing to migrate up: every migration is applied.\n',
    );
  });

  it('booleans take --x, --x=true|false and --no-x (the last one wins); -h is --help', async () => {
    const { transport, calls } = scripted(noop);
    const transports: object[] = [];
    const { io, output } = captureIo(tempProject(), transport, { transports });
    expect(await runCli(['migrate', 'up', '--prod=false', '--allow-drift=false', '--dry-run=true'], io)).toBe(0);
    expect(await runCli(['migrate', 'up', '--prod=true', '--allow-drift', '--no-allow-drift'], io)).toBe(0);
    expect(await runCli(['migrate', 'up', '--no-prod', '--prod', '--no-dry-run'], io)).toBe(0);
    expect(calls.map(([, args]) => [args.dryRun, args.allowDrift])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect(transports).toEqual([
      { module: 'migrations', prod: false },
      { module: 'migrations', prod: true },
      { module: 'migrations', prod: true },
    ]);
    expect(await runCli(['migrate', 'status', '-h'], io)).toBe(0);
    expect(output.stdout).toContain(HELP['migrate status']);
  });

  it('reports a transport failure (e.g. `npx convex run` failing) with exit 1', async () => {
    const transport: MigrationTransport = {
      call: async () => {
        throw new Error('npx convex run migrations:status {} failed:\nNo CONVEX_DEPLOYMENT set');
      },
    };
    const { io, output } = captureIo(tempProject(), transport);
    expect(await runCli(['migrate', 'status'], io)).toBe(1);
    expect(output.stderr).toContain('No CONVEX_DEPLOYMENT set');
  });
});

describe('deploy and dev wrappers', () => {
  /** A project with a migrations module and one migration file, so `auto` enables migrations. */
  function app(config: object = {}) {
    const cwd = tempProject(config);
    mkdirSync(join(cwd, 'convex/migrations'), { recursive: true });
    writeFileSync(join(cwd, 'convex/migrations.ts'), '');
    writeFileSync(join(cwd, 'convex/migrations/20260101_000000_a.ts'), "export const id = '20260101_000000_a';\n");
    return cwd;
  }
  const runner = (codes: Record<string, number> = {}) => {
    const commands: string[] = [];
    const run = async (command: string, args: readonly string[], options: { inherit?: boolean }) => {
      const line = `${command} ${args.join(' ')}`;
      commands.push(`${line}${options.inherit ? ' (inherit)' : ''}`);
      return { code: codes[line] ?? 0, stdout: '', stderr: '' };
    };
    return { run, commands };
  };

  it('deploy regenerates the manifest, runs convex deploy, a strict migrate up --prod, then the aggregate backfill', async () => {
    const cwd = app();
    const { run, commands } = runner();
    const { transport, calls } = scripted(noop);
    const transports: object[] = [];
    const { io } = captureIo(cwd, transport, { run, transports });
    expect(await runCli(['deploy', '--', '--cmd', 'npm run build'], io)).toBe(0);
    expect(commands).toEqual(['npx convex deploy --cmd npm run build (inherit)']);
    expect(readFileSync(join(cwd, 'convex/migrations/manifest.ts'), 'utf8')).toContain('m_20260101_000000_a');
    expect(calls).toEqual([
      ['run', { direction: 'up', dryRun: false, allowDrift: false, defaultBatchSize: 256 }],
      ['backfillAggregates', { batchSize: 256 }],
    ]);
    // The production deployment (convex run --prod), for the migrations and the backfill.
    expect(transports).toEqual([
      { module: 'migrations', prod: true, deployment: ['--prod'] },
      { module: 'migrations', prod: true, deployment: ['--prod'] },
    ]);
  });

  it('deploy --dry-run previews the migrations and writes nothing: no aggregate backfill', async () => {
    const { run, commands } = runner();
    const { transport, calls } = scripted({ run: { status: 'noop', reason: 'every migration is applied' } });
    const { io, output } = captureIo(app(), transport, { run });
    expect(await runCli(['deploy', '--dry-run'], io)).toBe(0);
    expect(commands).toEqual(['npx convex deploy (inherit)']);
    expect(calls).toEqual([['run', { direction: 'up', dryRun: true, allowDrift: false, defaultBatchSize: 256 }]]);
    expect(output.stdout).toContain(
      'Dry run: the aggregate backfill is skipped (it writes); `convex-orm aggregate backfill --prod` runs it.',
    );
  });

  it('deploy stops when convex deploy fails, and skips migrations when disabled', async () => {
    const failing = runner({ 'npx convex deploy': 3 });
    const { transport, calls } = scripted(noop);
    expect(await runCli(['deploy'], captureIo(app(), transport, { run: failing.run }).io)).toBe(3);
    const disabled = captureIo(app({ deploy: { migrations: { enabled: 'off' } } }), transport, { run: runner().run });
    expect(await runCli(['deploy'], disabled.io)).toBe(0);
    expect(disabled.output.stdout).toContain('skipping migrate up');
    expect(calls).toEqual([]);
  });

  it.each([
    [['deploy', 'now'], 'Unexpected argument "now".', {}],
    [['deploy', 'now'], 'Unexpected argument "now".', { deploy: { migrations: { enabled: 'off' } } }],
    [['deploy', '--batch-size', '0'], 'Option --batch-size must be a positive integer, got "0".', {}],
    [['deploy', '--no-prod'], '`deploy` always migrates the production deployment; drop --no-prod.', {}],
    [['deploy', '--prod=false'], '`deploy` always migrates the production deployment; drop --no-prod.', {}],
    [['dev', 'now', '--', '--tail-logs'], 'Unexpected argument "now".', {}],
    [['dev', 'now'], 'Unexpected argument "now".', { dev: { migrations: { enabled: 'off' } } }],
    [
      ['dev', '--prod'],
      '`dev` pushes to your dev deployment, so it cannot migrate production: use `convex-orm deploy` or `convex-orm migrate up --prod`.',
      {},
    ],
  ])('%j is a usage error before anything runs (%s)', async (argv, message, config) => {
    const cwd = app(config);
    const { run, commands } = runner();
    const { transport, calls } = scripted(noop);
    const { io, output } = captureIo(cwd, transport, { run });
    expect(await runCli(argv, io)).toBe(2);
    expect(output.stderr).toBe(`${message}\n`);
    expect(commands).toEqual([]);
    expect(calls).toEqual([]);
    expect(existsSync(join(cwd, 'convex/migrations/manifest.ts'))).toBe(false);
  });

  it('deploy accepts --prod (it always migrates production); dev accepts --no-prod', async () => {
    const { run, commands } = runner();
    const { transport } = scripted(noop);
    const transports: object[] = [];
    const { io } = captureIo(app(), transport, { run, transports });
    expect(await runCli(['deploy', '--prod'], io)).toBe(0);
    expect(await runCli(['dev', '--no-prod'], io)).toBe(0);
    expect(commands).toEqual([
      'npx convex deploy (inherit)',
      'npx convex dev --once (inherit)',
      'npx convex dev (inherit)',
    ]);
    expect(transports).toEqual([
      { module: 'migrations', prod: true, deployment: ['--prod'] },
      { module: 'migrations', prod: true, deployment: ['--prod'] },
      { module: 'migrations', prod: false, deployment: [] },
    ]);
  });

  it('deploy exits 1 when the strict migrate up is blocked by drift', async () => {
    const { transport } = scripted({ run: { status: 'drift_blocked', drift: [] } });
    expect(await runCli(['deploy'], captureIo(app(), transport, { run: runner().run }).io)).toBe(1);
  });

  it('deploy exits 1, before the backfill, when an active run of another kind holds the deployment', async () => {
    const { transport, calls } = scripted({
      ...noop,
      run: { status: 'running', runId: 'r', migrationIds: ['a'], dryRun: true, alreadyActive: true },
      status: { run: { runId: 'r', direction: 'up', dryRun: true, status: 'running' } },
    });
    const { io, output } = captureIo(app(), transport, { run: runner().run });
    expect(await runCli(['deploy'], io)).toBe(1);
    expect(output.stderr).toContain('Run r (a dry run of migrate up) is already active, so migrate up did not start.');
    expect(calls.map(([name]) => name)).toEqual(['run', 'status']);
  });

  it('dev pushes once, runs a relaxed migrate up (failures only warn), then convex dev', async () => {
    const { run, commands } = runner();
    const { transport, calls } = scripted({ run: { status: 'drift_blocked', drift: [] } });
    const { io, output } = captureIo(app(), transport, { run });
    expect(await runCli(['dev'], io)).toBe(0);
    expect(commands).toEqual(['npx convex dev --once (inherit)', 'npx convex dev (inherit)']);
    expect(calls).toEqual([['run', { direction: 'up', dryRun: false, allowDrift: true, defaultBatchSize: 256 }]]);
    expect(output.stderr).toContain('Drift detected; the run was blocked:');
    expect(output.stderr).toContain('Warning: migrate up did not complete; continuing with convex dev.');

    const failed = scripted({
      run: { status: 'running', runId: 'r', migrationIds: [], dryRun: false, alreadyActive: false },
      status: {
        run: { status: 'failed', progress: [], migrationIds: [], chunks: 0, direction: 'up', lastError: 'boom' },
      },
    });
    const capture = captureIo(app(), failed.transport, { run: runner().run });
    expect(await runCli(['dev'], capture.io)).toBe(0);
    expect(capture.output.stderr).toContain('Migrate up failed: boom');
    expect(capture.output.stderr).toContain('Warning: migrate up did not complete; continuing with convex dev.');
  });
});
