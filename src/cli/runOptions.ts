import type { OptionSpec, ParsedArgs } from './args.js';
import { positionals } from './command.js';
import { type MigrationRunConfig, RUN_BATCH_LIMIT } from './config.js';
import { CliError } from './errors.js';
import type { RunCommandOptions } from './migrate.js';

/** Options of every command that runs migrations (`migrate up|down`, `deploy`, `dev`). */
export const RUN_OPTIONS: OptionSpec = {
  prod: 'boolean',
  'dry-run': 'boolean',
  'batch-size': 'number',
  'allow-drift': 'boolean',
  wait: 'boolean',
  'timeout-ms': 'number',
  'poll-ms': 'number',
  strict: 'boolean',
};

/**
 * The `--batch-size` of a command that writes a batch a transaction (`migrate up`/`down`,
 * `aggregate backfill`/`repair`), if given; past {@link RUN_BATCH_LIMIT}, a usage error before
 * anything is written.
 */
export function runBatchSize(args: ParsedArgs): number | undefined {
  const batchSize = args.flags['batch-size'] as number | undefined;
  if (batchSize !== undefined && batchSize > RUN_BATCH_LIMIT) {
    throw new CliError(
      `Option --batch-size is at most ${RUN_BATCH_LIMIT} (Convex writes at most that many documents in one transaction), got ${batchSize}.`,
      2,
    );
  }
  return batchSize;
}

/** Validates a run's arguments and merges them over a config section. */
export function runOptions(
  args: ParsedArgs,
  defaults: MigrationRunConfig,
  direction: 'up' | 'down',
  usage: string,
): RunCommandOptions {
  positionals(args, 0, usage);
  const { flags } = args;
  const flag = <T>(name: string, fallback: T): T => (flags[name] as T | undefined) ?? fallback;
  if (flags.steps !== undefined && flags.to !== undefined)
    throw new CliError('Give either --steps or --to, not both.', 2);
  const batchSize = runBatchSize(args);
  return {
    direction,
    ...(flags.steps === undefined ? {} : { steps: Number(flags.steps) }),
    ...(flags.to === undefined ? {} : { to: String(flags.to) }),
    prod: flag('prod', false),
    dryRun: flag('dry-run', false),
    ...(batchSize === undefined ? {} : { batchSize: Number(batchSize) }),
    defaultBatchSize: defaults.batchSize,
    allowDrift: flag('allow-drift', defaults.allowDrift),
    wait: flag('wait', defaults.wait),
    timeoutMs: flag('timeout-ms', defaults.timeoutMs),
    pollIntervalMs: flag('poll-ms', defaults.pollIntervalMs),
    strict: flag('strict', defaults.strict),
  };
}
