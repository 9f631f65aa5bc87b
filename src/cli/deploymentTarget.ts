import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDotenv } from './dotenv.js';
import { CliError } from './errors.js';

/** Whether a `convex` option takes a value: always (the next argument), when one follows, or never. */
type ValueKind = 'required' | 'optional' | 'none';

// The `convex deploy` / `convex dev` options that choose the deployment (convex's
// `addDeploymentSelectionOptions`, and deploy's preview options).
const SELECTING: ReadonlyMap<string, ValueKind> = new Map([
  ['--env-file', 'required'],
  ['--url', 'required'],
  ['--admin-key', 'required'],
  ['--preview-name', 'required'],
  ['--preview-create', 'required'],
  ['--deployment', 'required'],
  ['--deployment-name', 'required'],
  ['--prod', 'none'],
]);

// Those that name a deployment other than the project's production one (`convex run` refuses them beside `--prod`).
const NAMING = new Set(['--url', '--preview-name', '--preview-create', '--deployment', '--deployment-name']);

/** One option of a command line: its name, its value (`--name value` or `--name=value`), and how many arguments it took. */
interface Option {
  readonly name: string;
  readonly value: string | undefined;
  readonly width: number;
}

/** The option at `args[i]`, its value taken as `kinds` says (an option not in it takes none but `--name=value`'s). */
function optionAt(args: readonly string[], i: number, kinds: ReadonlyMap<string, ValueKind>): Option {
  const arg = args[i]!;
  const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
  if (equals > 0) return { name: arg.slice(0, equals), value: arg.slice(equals + 1), width: 1 };
  const kind = kinds.get(arg) ?? 'none';
  const next = args[i + 1];
  const takes = next !== undefined && (kind === 'required' || (kind === 'optional' && !next.startsWith('-')));
  return takes ? { name: arg, value: next, width: 2 } : { name: arg, value: undefined, width: 1 };
}

/** `args` split into the options named in `kinds` (their values taken as it says) and the rest, each in order. */
function partition(
  args: readonly string[],
  kinds: ReadonlyMap<string, ValueKind>,
): { named: Option[]; rest: string[] } {
  const named: Option[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; ) {
    const option = optionAt(args, i, kinds);
    if (kinds.has(option.name)) named.push(option);
    else rest.push(...args.slice(i, i + option.width));
    i += option.width;
  }
  return { named, rest };
}

/**
 * The variables Convex chooses a deployment by, read as its CLI reads them: the `--env-file`
 * alone when one is given; else the environment, then `.env.local`, then `.env` (dotenv loads
 * them without overriding), each file with dotenv's own parser. An empty value is unset.
 */
function deploymentVariables(
  cwd: string,
  envFile: string | undefined,
  env: NodeJS.ProcessEnv,
): (name: string) => string | undefined {
  const file = (name: string): NodeJS.Dict<string> => {
    const path = resolve(cwd, name);
    return existsSync(path) ? loadDotenv(cwd).parse(readFileSync(path, 'utf8')) : {};
  };
  const sources = envFile === undefined ? [env, file('.env.local'), file('.env')] : [file(envFile)];
  return (name) => sources.find((source) => source[name] !== undefined)?.[name] || undefined;
}

/**
 * The deploy key Convex's CLI uses: `CONVEX_DEPLOY_KEY`, else `CONVEX_DEPLOYMENT_TOKEN`; the marker
 * `<ignore_deploy_key>` is none.
 */
function deployKeyOf(variable: (name: string) => string | undefined): string | undefined {
  const key = variable('CONVEX_DEPLOY_KEY') ?? variable('CONVEX_DEPLOYMENT_TOKEN');
  return key === '<ignore_deploy_key>' ? undefined : key;
}

/** A preview deploy key (`preview:<team>:<project>|...`), as convex's `isPreviewDeployKey` reads one. */
function isPreviewKey(key: string): boolean {
  const [prefix, ...rest] = key.split('|');
  const parts = prefix!.split(':');
  return rest.length > 0 && parts[0] === 'preview' && parts.length === 3;
}

/** The Git branch a build names its preview after, from the CI's variables (convex's `gitBranchFromEnvironment`). */
function gitBranch(env: NodeJS.ProcessEnv): string | undefined {
  if (env.VERCEL) return env.VERCEL_GIT_COMMIT_REF;
  if (env.NETLIFY) return env.HEAD;
  if (env.CF_PAGES || env.WORKERS_CI) return env.CF_PAGES_BRANCH ?? env.WORKERS_CI_BRANCH;
  if (env.CI) return env.GITHUB_HEAD_REF ?? env.CI_COMMIT_REF_NAME;
  return undefined;
}

/**
 * The arguments `convex run` needs to reach the deployment that `convex deploy <args>` (a
 * production deploy) or `convex dev <args>` pushed to, so that the migrations and the aggregate
 * backfill run there: the options among `args` that choose the deployment (`--preview-create` as
 * `--preview-name`), and for a deploy: with a preview deploy key and no preview named, the preview
 * `convex deploy` names after the Git branch; else `--prod`, unless those options name another
 * deployment or the app is self-hosted (one deployment, where Convex refuses `--prod`). `dev --
 * --prod` is refused: `dev` migrates the deployment it pushes to, and production is `deploy`'s.
 */
export function runTarget(
  args: readonly string[],
  production: boolean,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const options = partition(args, SELECTING).named;
  if (!production && options.some(({ name }) => name === '--prod')) {
    throw new CliError(
      '`dev -- --prod` would push to production and migrate it from a dev loop: use `convex-orm deploy` or `convex-orm migrate up --prod`.',
      2,
    );
  }
  const target = options
    .filter(({ name }) => name !== '--prod')
    .flatMap(({ name, value }) => [name === '--preview-create' ? '--preview-name' : name, value ?? '']);
  if (!production || options.some(({ name }) => NAMING.has(name))) return target;
  const variable = deploymentVariables(cwd, options.findLast(({ name }) => name === '--env-file')?.value, env);
  const deployKey = deployKeyOf(variable);
  if (deployKey !== undefined && isPreviewKey(deployKey)) {
    const branch = gitBranch(env);
    if (!branch) {
      throw new CliError(
        'The deploy key (CONVEX_DEPLOY_KEY or CONVEX_DEPLOYMENT_TOKEN) is a preview deploy key and no --preview-name is given: `convex deploy` names the preview after the Git branch, which this environment does not say. Pass `-- --preview-name <name>`.',
        2,
      );
    }
    return [...target, '--preview-name', branch];
  }
  const selfHosted =
    deployKey === undefined &&
    variable('CONVEX_SELF_HOSTED_URL') !== undefined &&
    variable('CONVEX_SELF_HOSTED_ADMIN_KEY') !== undefined;
  return selfHosted ? target : [...target, '--prod'];
}

// `convex deploy`'s options that take a value, so that none's value is read as an option, and `--dry-run`.
const DEPLOY_OPTIONS: ReadonlyMap<string, ValueKind> = new Map([
  ...SELECTING,
  ...[
    '--cmd',
    '--cmd-url-env-var-name',
    '--preview-run',
    '--check-build-environment',
    '--message',
    '--typecheck',
    '--codegen',
    '--debug-bundle-path',
    '--write-push-request',
  ].map((name) => [name, 'required'] as const),
  ['--dry-run', 'none'],
]);

/**
 * The option among `convex deploy <args>` that makes it push nothing (`--dry-run` prints what it
 * would push, `--write-push-request` writes it to a file), or null: after such a deploy the
 * deployment still runs its old code, so `deploy` must not migrate it.
 */
export function pushlessDeployOption(args: readonly string[]): string | null {
  const named = partition(args, DEPLOY_OPTIONS).named;
  return named.find(({ name }) => name === '--dry-run' || name === '--write-push-request')?.name ?? null;
}

// `convex dev` options that act once per invocation, or that Convex takes only with `--once` or
// `--configure`: `dev` hands them to its first push only (a seed function run twice, a project
// configured twice); `--start` (a command beside the watcher, `--run-sh` its old name) goes to
// the watcher only.
const FIRST_PUSH_ONLY: ReadonlyMap<string, ValueKind> = new Map([
  ['--run', 'required'],
  ['--run-component', 'required'],
  ['--configure', 'optional'],
  ['--team', 'required'],
  ['--project', 'required'],
  ['--dev-deployment', 'required'],
  ['--debug-bundle-path', 'required'],
  ['--debug-node-apis', 'none'],
]);
const WATCHER_ONLY: ReadonlyMap<string, ValueKind> = new Map([
  ['--start', 'required'],
  ['--run-sh', 'required'],
]);

/** The pass-through arguments of `dev`'s two `convex dev` calls: the first push (`--once`) and the watcher. */
export function devArguments(args: readonly string[]): { push: string[]; watch: string[] } {
  return { push: partition(args, WATCHER_ONLY).rest, watch: partition(args, FIRST_PUSH_ONLY).rest };
}
