import { join } from 'node:path';
import type { CancelResult, RunResult, RunView, StatusResult } from '../migrations/index.js';
import { asksAgainAfter, isOtherKindOfRun, runKindName } from '../migrations/runKind.js';
import { type CliConfig, checkAppDirectory } from './config.js';
import { CliError } from './errors.js';
import { driftLines, liveLine, progressLine, statusLines, summary } from './format.js';
import type { CliIo } from './io.js';
import { withLiveStatus } from './liveStatus.js';
import { manifestIsCurrent } from './manifest.js';
import type { MigrationTransport } from './transport.js';

/** Options of `migrate up` / `migrate down` after flags and config are merged. */
export interface RunCommandOptions {
  direction: 'up' | 'down';
  steps?: number;
  to?: string;
  prod: boolean;
  /** `deploy` / `dev`: the `convex run` arguments reaching the deployment they pushed to. */
  deployment?: readonly string[];
  dryRun: boolean;
  /** `--batch-size`: every step of the run, over each step's own `batchSize`. */
  batchSize?: number;
  /** convex-orm.json's `batchSize`: steps without their own. */
  defaultBatchSize: number;
  allowDrift: boolean;
  wait: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
  strict: boolean;
}

const FINAL = new Set(['completed', 'dry_run', 'failed', 'canceled']);

/**
 * ` --prod` when the run is production's (for `deploy`, when `convex run` got `--prod`: not a
 * self-hosted backend's or a preview's): the commands a message suggests must name the same deployment.
 */
const prodFlag = (options: { prod: boolean; deployment?: readonly string[] | undefined }) =>
  (options.deployment ? options.deployment.includes('--prod') : options.prod) ? ' --prod' : '';

/** `migrate up | down`: starts the run, waits with progress, prints the summary; returns the exit code. */
export async function migrateRun(io: CliIo, config: CliConfig, options: RunCommandOptions): Promise<number> {
  // Outside an app there is no migration file, and the manifest check would pass vacuously.
  checkAppDirectory(io.cwd, config);
  const dir = join(io.cwd, config.migrationsDir);
  if (!manifestIsCurrent(dir)) {
    throw new CliError(
      `${config.migrationsDir}/manifest.ts is out of date with the migration files. Run \`convex-orm migrate manifest\`, deploy, then migrate.`,
    );
  }
  const transport = io.transport({
    module: config.functionsModule,
    prod: options.prod,
    deployment: options.deployment,
  });
  const started = io.now();
  const result = (await transport.call('run', {
    direction: options.direction,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    ...(options.to === undefined ? {} : { to: options.to }),
    dryRun: options.dryRun,
    allowDrift: options.allowDrift,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    defaultBatchSize: options.defaultBatchSize,
  })) as RunResult;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  if (result.status === 'noop') {
    out(`Nothing to migrate ${options.direction}: ${result.reason}.`);
    return 0;
  }
  if (result.status === 'drift_blocked') {
    io.stderr.write(['Drift detected; the run was blocked:', ...driftLines(result.drift), ''].join('\n'));
    io.stderr.write('Write a new migration instead of editing applied ones, or pass --allow-drift to override.\n');
    return options.strict ? 1 : 0;
  }
  if (result.alreadyActive) {
    await refuseOtherKindOfRun(transport, result.runId, options);
    out(`Run ${result.runId} is already active; following it instead of starting another.`);
  } else
    out(
      `Started ${result.dryRun ? 'dry run' : 'run'} ${result.runId}: ${options.direction} ${result.migrationIds.join(', ')}`,
    );
  if (!options.wait) {
    out(`Not waiting (--no-wait). Follow it with \`convex-orm migrate status${prodFlag(options)}\`.`);
    return 0;
  }
  const waited = await waitForRun(io, transport, result.runId, options, started);
  // What the run followed left pending of what was asked is asked again (`asksAgainAfter`).
  if (result.alreadyActive && waited.ended && asksAgainAfter(waited.ended, options)) {
    return migrateRun(io, config, options);
  }
  return waited.code;
}

/**
 * Following the active run is what was asked only when it does the same kind of run: its end
 * says nothing about a `down` asked during an `up`, or a real run asked during a dry run.
 */
async function refuseOtherKindOfRun(
  transport: MigrationTransport,
  runId: string,
  options: RunCommandOptions,
): Promise<void> {
  const active = ((await transport.call('status', { runId })) as StatusResult).run;
  if (!active || !isOtherKindOfRun(active, options)) return;
  const prod = prodFlag(options);
  throw new CliError(
    `Run ${runId} (${runKindName(active)}) is already active, so ${runKindName(options)} did not start. Wait for it to end (\`convex-orm migrate status${prod}\`) or cancel it (\`convex-orm migrate cancel${prod}\`), then run this again.`,
  );
}

/** Waits for the run, printing its progress: the exit code, and the run as it ended (none when waiting stopped first). */
async function waitForRun(
  io: CliIo,
  transport: MigrationTransport,
  runId: string,
  options: RunCommandOptions,
  started: number,
): Promise<{ code: number; ended?: RunView }> {
  const printed = new Set<string>();
  return withLiveStatus(io.stdout, async (live) => {
    for (;;) {
      const run = await pollRun(io, transport, runId, options);
      if (!run) throw new CliError(`Run ${runId} disappeared from migration_run.`);
      for (const item of run.progress) {
        if (FINAL.has(item.status) && !printed.has(item.migrationId)) {
          printed.add(item.migrationId);
          live.line(progressLine(item, run.dryRun));
        }
      }
      if (run.status !== 'running') {
        live.clear();
        return { code: finish(io, run, started, options), ended: run };
      }
      live.show(liveLine(run));
      if (io.now() - started > options.timeoutMs) {
        // The last progress stays on screen: how far the run got.
        live.keep();
        io.stdout.write(
          `Stopped waiting after ${options.timeoutMs} ms; run ${runId} goes on. See \`convex-orm migrate status${prodFlag(options)}\`.\n`,
        );
        return { code: options.strict ? 1 : 0 };
      }
      await io.sleep(options.pollIntervalMs);
    }
  });
}

/** Status calls that may fail in a row (a network blip, an expired token, a deploy in progress) before waiting gives up. */
const POLL_ATTEMPTS = 3;

/**
 * The run as `status` reports it, the call retried after a failure: the run goes on on the
 * deployment whatever happens to the CLI (its chunks are scheduled functions), so giving up says
 * so, naming the run to follow.
 */
async function pollRun(
  io: CliIo,
  transport: MigrationTransport,
  runId: string,
  options: RunCommandOptions,
): Promise<RunView | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return ((await transport.call('status', { runId })) as StatusResult).run;
    } catch (error) {
      if (attempt === POLL_ATTEMPTS) {
        throw new CliError(
          `${error instanceof Error ? error.message : String(error)}\nStopped waiting: ${POLL_ATTEMPTS} status calls in a row failed. Run ${runId} may still be running on the deployment; see \`convex-orm migrate status${prodFlag(options)}\`.`,
        );
      }
      await io.sleep(options.pollIntervalMs);
    }
  }
}

function finish(io: CliIo, run: RunView, started: number, options: RunCommandOptions): number {
  const ok = run.status === 'completed' || run.status === 'dry_run';
  (ok ? io.stdout : io.stderr).write(`${summary(run, io.now() - started, prodFlag(options)).join('\n')}\n`);
  return ok || !options.strict ? 0 : 1;
}

/** `migrate status`. */
export async function migrateStatus(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; json: boolean },
): Promise<number> {
  const status = (await io
    .transport({ module: config.functionsModule, prod: options.prod })
    .call('status', {})) as StatusResult;
  io.stdout.write(`${options.json ? JSON.stringify(status, null, 2) : statusLines(status).join('\n')}\n`);
  return 0;
}

/** `migrate cancel`. */
export async function migrateCancel(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; runId?: string },
): Promise<number> {
  const result = (await io
    .transport({ module: config.functionsModule, prod: options.prod })
    .call('cancel', options.runId === undefined ? {} : { runId: options.runId })) as CancelResult;
  const messages: Record<CancelResult['status'], string> = {
    cancel_requested: `Cancel requested for run ${'runId' in result ? result.runId : ''}: it stops after its current batch.`,
    canceled: `Run ${'runId' in result ? result.runId : ''} canceled.`,
    noop: `Nothing to cancel: ${'reason' in result ? result.reason : ''}.`,
  };
  io.stdout.write(`${messages[result.status]}\n`);
  return 0;
}
