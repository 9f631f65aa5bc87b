import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './errors.js';

// The `convex deploy` / `convex dev` options that choose the deployment (convex's
// `addDeploymentSelectionOptions`, and deploy's preview options), each taking a value.
const SELECTING = new Set([
  '--env-file',
  '--url',
  '--admin-key',
  '--preview-name',
  '--preview-create',
  '--deployment',
  '--deployment-name',
]);

// Those that name a deployment other than the project's production one (`convex run` refuses them beside `--prod`).
const NAMING = new Set(['--url', '--preview-name', '--preview-create', '--deployment', '--deployment-name']);

/** One option of a command line: its name, its value (`--name value` or `--name=value`), and how many arguments it took. */
interface Option {
  readonly name: string;
  readonly value: string | undefined;
  readonly width: number;
}

/** The option at `args[i]`; `takesValue` says whether a following argument is its value. */
function optionAt(args: readonly string[], i: number, takesValue: (name: string) => boolean): Option {
  const arg = args[i]!;
  const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
  if (equals > 0) return { name: arg.slice(0, equals), value: arg.slice(equals + 1), width: 1 };
  const next = args[i + 1];
  return takesValue(arg) && next !== undefined && !next.startsWith('-')
    ? { name: arg, value: next, width: 2 }
    : { name: arg, value: undefined, width: 1 };
}

/** The options of `args` that choose the deployment, in order. */
function selectingOptions(args: readonly string[]): Option[] {
  const found: Option[] = [];
  for (let i = 0; i < args.length; ) {
    const option = optionAt(args, i, (name) => SELECTING.has(name));
    if (SELECTING.has(option.name) || option.name === '--prod') found.push(option);
    i += option.width;
  }
  return found;
}

/** True when the app talks to a self-hosted backend: `CONVEX_SELF_HOSTED_URL` set, or in the env file Convex reads. */
function selfHosted(cwd: string, envFile: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.CONVEX_SELF_HOSTED_URL) return true;
  const files = envFile === undefined ? ['.env.local', '.env'] : [envFile];
  return files.some((file) => {
    const path = resolve(cwd, file);
    return existsSync(path) && /^\s*CONVEX_SELF_HOSTED_URL\s*=\s*\S/m.test(readFileSync(path, 'utf8'));
  });
}

/**
 * The arguments `convex run` needs to reach the deployment that `convex deploy <args>` (a
 * production deploy) or `convex dev <args>` pushed to, so that the migrations and the aggregate
 * backfill run there: the options among `args` that choose the deployment (`--preview-create` as
 * `--preview-name`), and for a deploy `--prod`, unless those name another deployment or the app is
 * self-hosted (one deployment, where Convex refuses `--prod`). `dev -- --prod` is refused: `dev`
 * migrates the deployment it pushes to, and production is `deploy`'s.
 */
export function runTarget(
  args: readonly string[],
  production: boolean,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const options = selectingOptions(args);
  if (!production && options.some(({ name }) => name === '--prod')) {
    throw new CliError(
      '`dev -- --prod` would push to production and migrate it from a dev loop: use `convex-orm deploy` or `convex-orm migrate up --prod`.',
      2,
    );
  }
  const target = options
    .filter(({ name }) => name !== '--prod')
    .flatMap(({ name, value }) => [name === '--preview-create' ? '--preview-name' : name, value ?? '']);
  const envFile = options.findLast(({ name }) => name === '--env-file')?.value;
  const named = options.some(({ name }) => NAMING.has(name));
  return production && !named && !selfHosted(cwd, envFile, env) ? [...target, '--prod'] : target;
}

// `convex dev` options that act once per invocation: `dev` hands them to its first push only (a
// seed function run twice, a project configured twice), and `--start` (a command beside the
// watcher) to the watcher only.
const FIRST_PUSH_ONLY = new Set(['--run', '--run-component', '--configure']);
const WATCHER_ONLY = new Set(['--start']);

/** `args` without the options of `names` (and their values). */
function without(args: readonly string[], names: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; ) {
    const option = optionAt(args, i, (name) => names.has(name));
    if (!names.has(option.name)) kept.push(...args.slice(i, i + option.width));
    i += option.width;
  }
  return kept;
}

/** The pass-through arguments of `dev`'s two `convex dev` calls: the first push (`--once`) and the watcher. */
export function devArguments(args: readonly string[]): { push: string[]; watch: string[] } {
  return { push: without(args, WATCHER_ONLY), watch: without(args, FIRST_PUSH_ONLY) };
}
