import { join } from 'node:path';
import { type Command, defineCommand, positionals } from './command.js';
import { createMigration } from './create.js';
import { manifestIsCurrent, writeManifest } from './manifest.js';
import { migrateCancel, migrateRun, migrateStatus } from './migrate.js';
import { RUN_OPTIONS, runOptions } from './runOptions.js';
import { deployCommand, devCommand } from './wrappers.js';

/**
 * Every command of the `convex-orm` CLI, by the words that name it. A new command is one
 * entry here (built with `defineCommand`) and its `--help` text in `help.ts` under the same key.
 */
export const COMMANDS: Record<string, Command<any>> = {
  'migrate create': defineCommand({
    options: { table: 'string' },
    parse: (args) => ({
      name: positionals(args, 1, 'convex-orm migrate create <name> [--table <table>]')[0]!,
      table: args.flags.table as string | undefined,
    }),
    async run({ name, table }, io, config) {
      const created = createMigration(join(io.cwd, config.migrationsDir), name, table, new Date(io.now()));
      io.stdout.write(`Created ${join(config.migrationsDir, `${created.id}.ts`)} and regenerated manifest.ts.\n`);
      if (table === undefined) io.stdout.write('Fill in the table (placeholder <table>) and migrateOne.\n');
      return 0;
    },
  }),
  'migrate manifest': defineCommand({
    options: { check: 'boolean' },
    parse: (args) => {
      positionals(args, 0, 'convex-orm migrate manifest [--check]');
      return { check: args.flags.check === true };
    },
    async run({ check }, io, config) {
      const dir = join(io.cwd, config.migrationsDir);
      if (check) {
        const current = manifestIsCurrent(dir);
        io.stdout.write(
          current ? 'manifest.ts is up to date.\n' : 'manifest.ts is out of date: run `convex-orm migrate manifest`.\n',
        );
        return current ? 0 : 1;
      }
      const entries = writeManifest(dir);
      io.stdout.write(`Wrote ${config.migrationsDir}/manifest.ts (${entries.length} migrations).\n`);
      return 0;
    },
  }),
  'migrate up': defineCommand({
    options: RUN_OPTIONS,
    parse: (args, config) => runOptions(args, config.deploy, 'up', 'convex-orm migrate up [options]'),
    run: (options, io, config) => migrateRun(io, config, options),
  }),
  'migrate down': defineCommand({
    options: { ...RUN_OPTIONS, steps: 'number', to: 'string' },
    parse: (args, config) =>
      runOptions(args, config.deploy, 'down', 'convex-orm migrate down [--steps <n> | --to <id>] [options]'),
    run: (options, io, config) => migrateRun(io, config, options),
  }),
  'migrate status': defineCommand({
    options: { prod: 'boolean', json: 'boolean' },
    parse: (args) => {
      positionals(args, 0, 'convex-orm migrate status [--prod] [--json]');
      return { prod: args.flags.prod === true, json: args.flags.json === true };
    },
    run: (options, io, config) => migrateStatus(io, config, options),
  }),
  'migrate cancel': defineCommand({
    options: { prod: 'boolean', 'run-id': 'string' },
    parse: (args) => {
      positionals(args, 0, 'convex-orm migrate cancel [--prod] [--run-id <id>]');
      const runId = args.flags['run-id'] as string | undefined;
      return { prod: args.flags.prod === true, ...(runId === undefined ? {} : { runId }) };
    },
    run: (options, io, config) => migrateCancel(io, config, options),
  }),
  deploy: deployCommand,
  dev: devCommand,
};
