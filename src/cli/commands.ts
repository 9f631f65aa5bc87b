import { join } from 'node:path';
import { aggregateBackfill, aggregateRepair } from './aggregate.js';
import { CHECK_BATCH_LIMIT, migrateCheck } from './check.js';
import { type Command, defineCommand, positionals } from './command.js';
import { checkAppDirectory } from './config.js';
import { checkMigrationTable, createMigration } from './create.js';
import { CliError } from './errors.js';
import { migrateGenerate } from './generate.js';
import { manifestStatus, writeManifest } from './manifest.js';
import { migrateCancel, migrateRun, migrateStatus } from './migrate.js';
import { pull } from './pull.js';
import { RUN_OPTIONS, runBatchSize, runOptions } from './runOptions.js';
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
      checkAppDirectory(io.cwd, config);
      // Reads the schema only: nothing is written unless the table is one of it.
      if (table !== undefined) await checkMigrationTable(io.cwd, config.functionsDir, table);
      const id = createMigration(io.cwd, config, name, table, new Date(io.now()));
      io.stdout.write(`Created ${join(config.migrationsDir, `${id}.ts`)} and regenerated manifest.ts.\n`);
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
      checkAppDirectory(io.cwd, config);
      const dir = join(io.cwd, config.migrationsDir);
      if (check) {
        const status = manifestStatus(dir);
        io.stdout.write(
          status === 'up to date'
            ? 'manifest.ts is up to date.\n'
            : `manifest.ts is ${status}: run \`convex-orm migrate manifest\`.\n`,
        );
        return status === 'up to date' ? 0 : 1;
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
  'migrate generate': defineCommand({
    options: { rename: 'string', drop: 'string' },
    parse: (args) => {
      if (args.positionals.length > 1) throw new CliError(`Unexpected argument "${args.positionals[1]}".`, 2);
      const name = args.positionals[0];
      const rename = args.flags.rename as string | undefined;
      const drop = args.flags.drop as string | undefined;
      return {
        ...(name === undefined ? {} : { name }),
        ...(rename === undefined ? {} : { rename }),
        ...(drop === undefined ? {} : { drop }),
      };
    },
    run: (options, io, config) => {
      checkAppDirectory(io.cwd, config);
      return migrateGenerate(io, config, options);
    },
  }),
  'migrate check': defineCommand({
    options: { prod: 'boolean', 'batch-size': 'number' },
    parse: (args, config) => {
      positionals(args, 0, 'convex-orm migrate check [--prod] [--batch-size <n>]');
      const batchSize = args.flags['batch-size'] as number | undefined;
      if (batchSize !== undefined && batchSize > CHECK_BATCH_LIMIT)
        throw new CliError(
          `Option --batch-size of migrate check is at most ${CHECK_BATCH_LIMIT}, got ${batchSize}.`,
          2,
        );
      // convex-orm.json's batchSize is for runs too, where a larger one is fine.
      return {
        prod: args.flags.prod === true,
        batchSize: batchSize ?? Math.min(config.deploy.batchSize, CHECK_BATCH_LIMIT),
      };
    },
    run: (options, io, config) => migrateCheck(io, config, options),
  }),
  'aggregate backfill': defineCommand({
    options: { prod: 'boolean', 'batch-size': 'number' },
    parse: (args, config) => {
      positionals(args, 0, 'convex-orm aggregate backfill [--prod] [--batch-size <n>]');
      return {
        prod: args.flags.prod === true,
        batchSize: runBatchSize(args) ?? config.deploy.batchSize,
      };
    },
    run: (options, io, config) => aggregateBackfill(io, config, options),
  }),
  'aggregate repair': defineCommand({
    options: { prod: 'boolean', 'batch-size': 'number', table: 'string', index: 'string' },
    parse: (args, config) => {
      positionals(args, 0, 'convex-orm aggregate repair [--table <t>] [--index <name>] [--prod] [--batch-size <n>]');
      return {
        prod: args.flags.prod === true,
        batchSize: runBatchSize(args) ?? config.deploy.batchSize,
        table: args.flags.table as string | undefined,
        index: args.flags.index as string | undefined,
      };
    },
    run: (options, io, config) => aggregateRepair(io, config, options),
  }),
  deploy: deployCommand,
  dev: devCommand,
  pull: defineCommand({
    options: { schema: 'string', out: 'string', force: 'boolean' },
    parse: (args) => {
      positionals(args, 0, 'convex-orm pull [--schema <file>] [--out <file>] [--force]');
      const schema = args.flags.schema as string | undefined;
      const out = args.flags.out as string | undefined;
      return {
        ...(schema === undefined ? {} : { schema }),
        ...(out === undefined ? {} : { out }),
        force: args.flags.force === true,
      };
    },
    run: (options, io, config) => pull(io, config, options),
  }),
};
