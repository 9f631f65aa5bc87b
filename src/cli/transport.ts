import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from './errors.js';
import { parseJson } from './jsonFile.js';
import { shownCommand } from './shownCommand.js';

/**
 * Which deployment the CLI's calls reach: `--prod` or the dev deployment, or, for `deploy` and
 * `dev`, the `convex run` arguments that reach where their push went (`deploymentTarget.ts`).
 */
export interface TransportTarget {
  readonly module: string;
  readonly prod: boolean;
  /** The `convex run` arguments choosing the deployment, in place of `--prod`. */
  readonly deployment?: readonly string[] | undefined;
}

/** The runtime function the CLI calls. */
export type MigrationFunctionName = 'run' | 'status' | 'cancel' | 'check' | 'backfillAggregates' | 'repairAggregates';

/**
 * How the CLI reaches a deployment's migration functions. The real transport shells out to
 * `npx convex run`; tests use {@link inProcessTransport} against convex-test.
 */
export interface MigrationTransport {
  call(name: MigrationFunctionName, args: Record<string, unknown>): Promise<unknown>;
}

/** Runs a command and collects its output (injectable so tests never spawn processes). */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options: { cwd: string; inherit?: boolean },
) => Promise<{ code: number; stdout: string; stderr: string }>;

/**
 * npm's `npx-cli.js`: beside the npm that started this process (`npm_execpath`, as `npx
 * convex-orm` does), else installed with node (where the Windows installer puts it).
 */
function npxCli(): string | undefined {
  const started = process.env.npm_execpath;
  const candidates = [
    ...(started ? [join(dirname(started), 'npx-cli.js')] : []),
    join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npx-cli.js'),
  ];
  return candidates.find((path) => existsSync(path));
}

/**
 * `command` and `args` as this platform can spawn them without a shell: on Windows `npx` is a
 * `.cmd` script, which Node spawns only through `cmd.exe` (and quoting a JSON argument for it is
 * unreliable), so node runs npm's `npx-cli.js` instead.
 */
function spawnable(command: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'win32' || command !== 'npx') return [command, [...args]];
  const cli = npxCli();
  if (!cli) {
    throw new CliError(
      "Cannot find npm's npx-cli.js to run npx on Windows (looked beside npm_execpath and node.exe): run convex-orm through npx or an npm script.",
    );
  }
  return [process.execPath, [cli, ...args]];
}

/** Spawns the command; with `inherit`, its output goes straight to the terminal. */
export const spawnCommand: CommandRunner = (command, args, { cwd, inherit }) =>
  new Promise((resolve, reject) => {
    const [file, argv] = spawnable(command, args);
    const child = spawn(file, argv, { cwd, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

/**
 * The most bytes one command-line argument may hold: Linux's `MAX_ARG_STRLEN` (32 pages of
 * 4 KiB, its terminating NUL included). `convex run` takes a function's arguments as one JSON
 * argument, and has no file or stdin for them; and `npx` (npm 7 and later) runs it as
 * `sh -c '<the command, shell-quoted>'`, so the whole quoted command is that one argument.
 */
export const MAX_ARGUMENT_BYTES = 32 * 4096 - 1;

/** Room kept for what `npx` may add around the command it hands to `sh -c`. */
const NPX_ROOM = 64;

/** `text` single-quoted for `sh` as npm quotes it: each `'` becomes `'\''`. */
const shellQuoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** A call whose command line is longer than one command-line argument may be ({@link MAX_ARGUMENT_BYTES}). */
export class ArgumentsTooLong extends CliError {
  constructor(
    readonly functionName: string,
    readonly bytes: number,
  ) {
    super(
      `The arguments of \`npx convex run ${functionName}\` make a ${bytes}-byte command line (npx runs it through \`sh -c\`, the JSON quoted), more than the ${MAX_ARGUMENT_BYTES - NPX_ROOM} bytes one command-line argument may hold with npx's own; convex run takes them no other way.`,
    );
  }
}

/**
 * The real transport: `npx convex run <module>:<name> '<json>' [--prod]`. `convex run` prints
 * the function's return value as JSON when its output is not a terminal. Arguments longer than
 * one command-line argument may be are refused before the spawn ({@link ArgumentsTooLong}).
 */
export function convexRunTransport(
  options: TransportTarget & { cwd: string; run?: CommandRunner },
): MigrationTransport {
  const run = options.run ?? spawnCommand;
  return {
    async call(name, args) {
      const json = JSON.stringify(args);
      const target = options.deployment ?? (options.prod ? ['--prod'] : []);
      const argv = ['convex', 'run', `${options.module}:${name}`, json, ...target];
      const bytes = Buffer.byteLength(argv.map(shellQuoted).join(' '));
      if (bytes > MAX_ARGUMENT_BYTES - NPX_ROOM) throw new ArgumentsTooLong(`${options.module}:${name}`, bytes);
      const result = await run('npx', argv, { cwd: options.cwd });
      if (result.code !== 0) {
        throw new CliError(`npx ${shownCommand(argv)} failed:\n${(result.stderr || result.stdout).trim()}`);
      }
      const output = result.stdout.trim();
      return output === ''
        ? null
        : parseJson(output, `The output of npx ${shownCommand(argv)}`, `it was:\n${output.slice(0, 500)}`);
    },
  };
}

/** What {@link inProcessTransport} needs of a convex-test instance (`convexTest(schema, modules)`). */
export interface InProcessBackend {
  query(ref: any, args: any): Promise<unknown>;
  mutation(ref: any, args: any): Promise<unknown>;
}

/**
 * A transport that calls the functions of `module` in-process (convex-test), so CLI commands in
 * one test share the backend's state. `makeReference` is `makeFunctionReference` from
 * `convex/server`, passed in to keep this file free of runtime imports.
 */
export function inProcessTransport(
  backend: InProcessBackend,
  module: string,
  makeReference: (name: string) => unknown,
): MigrationTransport {
  return {
    call(name, args) {
      const ref = makeReference(`${module}:${name}`);
      return name === 'status' || name === 'check' ? backend.query(ref, args) : backend.mutation(ref, args);
    },
  };
}
