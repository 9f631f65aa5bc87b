import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateBackfill } from './aggregate.js';
import { defineCommand } from './command.js';
import type { CliConfig, MigrationRunConfig } from './config.js';
import { devArguments, pushlessDeployOption, runTarget } from './deploymentTarget.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { writeManifest } from './manifest.js';
import { migrateRun } from './migrate.js';
import { RUN_OPTIONS, runOptions } from './runOptions.js';
import { shownCommand } from './shownCommand.js';

/**
 * `deploy`: manifest, `convex deploy`, then strict `migrate up --prod`, then `aggregate backfill --prod`
 * (not after a `--dry-run`, which writes no data). Neither runs after a `convex deploy` that pushed
 * nothing (`-- --dry-run`): the deployment runs its old code.
 */
export const deployCommand = defineCommand({
  options: RUN_OPTIONS,
  passThrough: true,
  parse(args, config) {
    if (args.flags.prod === false)
      throw new CliError('`deploy` always migrates the production deployment; drop --no-prod.', 2);
    const options = runOptions(
      args,
      config.deploy,
      'up',
      'convex-orm deploy [migrate options] [-- <convex deploy args>]',
    );
    return { options: { ...options, prod: true }, convexArgs: args.rest };
  },
  async run({ options, convexArgs }, io, config) {
    const deployment = runTarget(convexArgs, true, io.cwd);
    regenerateManifest(io, config);
    const code = await convex(io, ['deploy', ...convexArgs]);
    if (code !== 0) return code;
    const pushless = pushlessDeployOption(convexArgs);
    const skipped = pushless
      ? `\`convex deploy ${pushless}\` pushed no code, so the deployment has no new migrations`
      : skipReason(io, config, config.deploy, 'deploy');
    if (skipped) {
      io.stdout.write(`${skipped}; skipping migrate up and the aggregate backfill.\n`);
      return 0;
    }
    const migrated = await migrateRun(io, config, { ...options, deployment });
    if (migrated !== 0) return migrated;
    if (options.dryRun) {
      io.stdout.write(
        'Dry run: the aggregate backfill is skipped (it writes); `convex-orm aggregate backfill --prod` runs it.\n',
      );
      return 0;
    }
    return aggregateBackfill(io, config, {
      prod: true,
      batchSize: options.batchSize ?? options.defaultBatchSize,
      deployment,
    });
  },
});

/** `dev`: manifest, one push, relaxed `migrate up` (failures only warn), then `convex dev`. */
export const devCommand = defineCommand({
  options: RUN_OPTIONS,
  passThrough: true,
  parse(args, config) {
    if (args.flags.prod === true) {
      throw new CliError(
        '`dev` pushes to your dev deployment, so it cannot migrate production: use `convex-orm deploy` or `convex-orm migrate up --prod`.',
        2,
      );
    }
    const options = runOptions(args, config.dev, 'up', 'convex-orm dev [migrate options] [-- <convex dev args>]');
    return { options, convexArgs: args.rest };
  },
  async run({ options, convexArgs }, io, config) {
    const deployment = runTarget(convexArgs, false, io.cwd);
    const { push, watch } = devArguments(convexArgs);
    regenerateManifest(io, config);
    const code = await convex(io, ['dev', '--once', ...push]);
    if (code !== 0) return code;
    const skipped = skipReason(io, config, config.dev, 'dev');
    if (skipped) io.stdout.write(`${skipped}; skipping migrate up.\n`);
    else {
      // migrate up runs strict so that every failure shows in its status; `strict` (--strict,
      // else dev.migrations.strict) decides whether dev stops on one or warns and goes on.
      const status = await migrateRun(io, config, { ...options, deployment, strict: true }).catch((error: Error) => {
        io.stderr.write(`${error.message}\n`);
        return 1;
      });
      if (status !== 0 && options.strict) return status;
      if (status !== 0) io.stderr.write('Warning: migrate up did not complete; continuing with convex dev.\n');
    }
    return convex(io, ['dev', ...watch]);
  },
});

function regenerateManifest(io: CliIo, config: CliConfig): void {
  const dir = join(io.cwd, config.migrationsDir);
  if (existsSync(dir)) writeManifest(dir);
}

// The extensions Convex takes a function module from (ENTRY_POINT_EXTENSIONS of its bundler).
const MODULE_EXTENSIONS = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.tsx', '.jsx'];

/**
 * Why `deploy` / `dev` (`command`) skip the migrations, or null when they run them: `off`, or
 * `auto` and no functions module (under any extension Convex takes) in the app.
 */
function skipReason(io: CliIo, config: CliConfig, settings: MigrationRunConfig, command: string): string | null {
  if (settings.enabled === 'on') return null;
  if (settings.enabled === 'off') return `Migrations off (convex-orm.json ${command}.migrations.enabled)`;
  const module = join(config.functionsDir, config.functionsModule);
  if (MODULE_EXTENSIONS.some((extension) => existsSync(join(io.cwd, `${module}${extension}`)))) return null;
  return `No migration functions module ${module}.ts (or another extension Convex takes) in the app, so no migrations to run (convex-orm.json functionsModule names it)`;
}

async function convex(io: CliIo, args: string[]): Promise<number> {
  io.stdout.write(`> npx convex ${shownCommand(args)}\n`);
  return (await io.run('npx', ['convex', ...args], { cwd: io.cwd, inherit: true })).code;
}
