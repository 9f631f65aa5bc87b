import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FlagSpec, type ParsedArgs, parseArgs } from './args.js';
import { migrateCheck } from './check.js';
import { type CliConfig, loadConfig, type MigrationRunConfig } from './config.js';
import { checkMigrationTable, createMigration } from './create.js';
import { CliError } from './errors.js';
import { migrateGenerate } from './generate.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { manifestIsCurrent, writeManifest } from './manifest.js';
import { migrateCancel, migrateRun, migrateStatus, type RunCommandOptions } from './migrate.js';
import { pull } from './pull.js';

const RUN_FLAGS: FlagSpec = {
  prod: 'boolean',
  'dry-run': 'boolean',
  'batch-size': 'number',
  'allow-drift': 'boolean',
  wait: 'boolean',
  'timeout-ms': 'number',
  'poll-ms': 'number',
  strict: 'boolean',
  help: 'boolean',
};

const FLAGS: Record<string, FlagSpec> = {
  'migrate create': { table: 'string', help: 'boolean' },
  'migrate manifest': { check: 'boolean', help: 'boolean' },
  'migrate up': RUN_FLAGS,
  'migrate down': { ...RUN_FLAGS, steps: 'number', to: 'string' },
  'migrate status': { prod: 'boolean', json: 'boolean', help: 'boolean' },
  'migrate cancel': { prod: 'boolean', 'run-id': 'string', help: 'boolean' },
  'migrate check': { prod: 'boolean', 'batch-size': 'number', help: 'boolean' },
  'migrate generate': { rename: 'string', drop: 'string', help: 'boolean' },
  deploy: RUN_FLAGS,
  dev: RUN_FLAGS,
  pull: { schema: 'string', out: 'string', force: 'boolean', help: 'boolean' },
};

/**
 * The `convex-orm` command. Returns the exit code: 0 success (completed, nothing to do, dry
 * run), 1 failure (failed, canceled, drift, timeout when strict; any error), 2 usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(HELP['']!);
    return first === undefined ? 2 : 0;
  }
  const command = first === 'migrate' && second !== undefined && !second.startsWith('--') ? `migrate ${second}` : first;
  const spec = FLAGS[command];
  if (!spec) {
    if (command === 'migrate') {
      io.stdout.write(HELP.migrate!);
      return argv.includes('--help') ? 0 : 2;
    }
    throw new CliError(`Unknown command \`${argv.slice(0, 2).join(' ')}\`. See \`convex-orm --help\`.`, 2);
  }
  const args = parseArgs(argv.slice(command.split(' ').length), spec, command);
  if (args.flags.help) {
    io.stdout.write(HELP[command]!);
    return 0;
  }
  const config = loadConfig(io.cwd);
  switch (command) {
    case 'migrate create': {
      const name = args.positionals[0];
      if (name === undefined || args.positionals.length > 1)
        throw new CliError('Usage: convex-orm migrate create <name>', 2);
      const table = args.flags.table as string | undefined;
      if (table !== undefined) await checkMigrationTable(io.cwd, config.functionsDir, table);
      const created = createMigration(join(io.cwd, config.migrationsDir), name, table, new Date(io.now()));
      io.stdout.write(`Created ${join(config.migrationsDir, `${created.id}.ts`)} and regenerated manifest.ts.\n`);
      if (table === undefined) io.stdout.write('Fill in the table (placeholder <table>) and migrateOne.\n');
      return 0;
    }
    case 'migrate manifest': {
      const dir = join(io.cwd, config.migrationsDir);
      if (args.flags.check) {
        const current = manifestIsCurrent(dir);
        io.stdout.write(
          current ? 'manifest.ts is up to date.\n' : 'manifest.ts is out of date: run `convex-orm migrate manifest`.\n',
        );
        return current ? 0 : 1;
      }
      const entries = writeManifest(dir);
      io.stdout.write(`Wrote ${config.migrationsDir}/manifest.ts (${entries.length} migrations).\n`);
      return 0;
    }
    case 'migrate up':
    case 'migrate down':
      return migrateRun(io, config, runOptions(args, config.deploy, command === 'migrate up' ? 'up' : 'down'));
    case 'migrate status':
      return migrateStatus(io, config, { prod: args.flags.prod === true, json: args.flags.json === true });
    case 'migrate cancel':
      return migrateCancel(io, config, {
        prod: args.flags.prod === true,
        ...(args.flags['run-id'] === undefined ? {} : { runId: String(args.flags['run-id']) }),
      });
    case 'migrate generate': {
      if (args.positionals.length > 1) throw new CliError('Usage: convex-orm migrate generate [name]', 2);
      return migrateGenerate(io, config, {
        ...(args.positionals[0] === undefined ? {} : { name: args.positionals[0] }),
        ...(args.flags.rename === undefined ? {} : { rename: String(args.flags.rename) }),
        ...(args.flags.drop === undefined ? {} : { drop: String(args.flags.drop) }),
      });
    }
    case 'migrate check':
      if (args.positionals.length > 0) throw new CliError(`Unexpected argument "${args.positionals[0]}".`, 2);
      return migrateCheck(io, config, {
        prod: args.flags.prod === true,
        batchSize: Number(args.flags['batch-size'] ?? config.deploy.batchSize),
      });
    case 'pull':
      if (args.positionals.length > 0) throw new CliError(`Unexpected argument "${args.positionals[0]}".`, 2);
      return pull(io, config, {
        ...(args.flags.schema === undefined ? {} : { schema: String(args.flags.schema) }),
        ...(args.flags.out === undefined ? {} : { out: String(args.flags.out) }),
        force: args.flags.force === true,
      });
    case 'deploy':
      return deploy(io, config, args);
    default:
      return dev(io, config, args);
  }
}

/** Merges flags over a config section. */
function runOptions(args: ParsedArgs, defaults: MigrationRunConfig, direction: 'up' | 'down'): RunCommandOptions {
  const flag = <T>(name: string, fallback: T): T => (args.flags[name] as T | undefined) ?? fallback;
  if (args.positionals.length > 0) throw new CliError(`Unexpected argument "${args.positionals[0]}".`, 2);
  if (args.flags.steps !== undefined && args.flags.to !== undefined) {
    throw new CliError('Give either --steps or --to, not both.', 2);
  }
  return {
    direction,
    ...(args.flags.steps === undefined ? {} : { steps: Number(args.flags.steps) }),
    ...(args.flags.to === undefined ? {} : { to: String(args.flags.to) }),
    prod: flag('prod', false),
    dryRun: flag('dry-run', false),
    ...(args.flags['batch-size'] === undefined ? {} : { batchSize: Number(args.flags['batch-size']) }),
    defaultBatchSize: defaults.batchSize,
    allowDrift: flag('allow-drift', defaults.allowDrift),
    wait: flag('wait', defaults.wait),
    timeoutMs: flag('timeout-ms', defaults.timeoutMs),
    pollIntervalMs: flag('poll-ms', defaults.pollIntervalMs),
    strict: flag('strict', defaults.strict),
  };
}

/** True when migrations should run: `on`, or `auto` and the app exports the functions module. */
function migrationsEnabled(io: CliIo, config: CliConfig, settings: MigrationRunConfig): boolean {
  if (settings.enabled !== 'auto') return settings.enabled === 'on';
  const base = join(io.cwd, config.functionsDir, config.functionsModule);
  return existsSync(`${base}.ts`) || existsSync(`${base}.js`);
}

async function convex(io: CliIo, args: string[]): Promise<number> {
  io.stdout.write(`> npx convex ${args.join(' ')}\n`);
  return (await io.run('npx', ['convex', ...args], { cwd: io.cwd, inherit: true })).code;
}

/** `deploy`: manifest, `convex deploy`, then strict `migrate up --prod`. */
async function deploy(io: CliIo, config: CliConfig, args: ParsedArgs): Promise<number> {
  if (existsSync(join(io.cwd, config.migrationsDir))) writeManifest(join(io.cwd, config.migrationsDir));
  const code = await convex(io, ['deploy', ...args.rest]);
  if (code !== 0) return code;
  if (!migrationsEnabled(io, config, config.deploy)) {
    io.stdout.write('Migrations disabled (convex-orm.json deploy.migrations.enabled); skipping migrate up.\n');
    return 0;
  }
  return migrateRun(io, config, { ...runOptions(args, config.deploy, 'up'), prod: true });
}

/** `dev`: manifest, one push, relaxed `migrate up` (failures only warn), then `convex dev`. */
async function dev(io: CliIo, config: CliConfig, args: ParsedArgs): Promise<number> {
  if (existsSync(join(io.cwd, config.migrationsDir))) writeManifest(join(io.cwd, config.migrationsDir));
  const code = await convex(io, ['dev', '--once', ...args.rest]);
  if (code !== 0) return code;
  if (migrationsEnabled(io, config, config.dev)) {
    // Strict only decides whether dev stops; a relaxed dev warns and goes on.
    const options = { ...runOptions(args, config.dev, 'up'), strict: true };
    const status = await migrateRun(io, config, options).catch((error: Error) => {
      io.stderr.write(`${error.message}\n`);
      return 1;
    });
    if (status !== 0 && config.dev.strict) return status;
    if (status !== 0) io.stderr.write('Warning: migrate up did not complete; continuing with convex dev.\n');
  }
  return convex(io, ['dev', ...args.rest]);
}
