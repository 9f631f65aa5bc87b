import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { CliError } from './errors.js';
import { isJsonObject, readJsonFile } from './jsonFile.js';

/** Options of automatic `migrate up` runs (`convex-orm.json` → `deploy.migrations` / `dev.migrations`). */
export interface MigrationRunConfig {
  enabled: 'auto' | 'on' | 'off';
  wait: boolean;
  batchSize: number;
  pollIntervalMs: number;
  timeoutMs: number;
  strict: boolean;
  allowDrift: boolean;
}

/** The whole `convex-orm.json`, with defaults filled in. */
export interface CliConfig {
  /** The Convex functions directory (from `convex.json`, default `convex`). */
  functionsDir: string;
  /** Directory of the migration files and `manifest.ts`. Default `<convex functions dir>/migrations`. */
  migrationsDir: string;
  /** Module exporting `run`, `status`, `cancel` (Convex path, e.g. `migrations`). */
  functionsModule: string;
  deploy: MigrationRunConfig;
  dev: MigrationRunConfig;
}

const DEPLOY_DEFAULTS: MigrationRunConfig = {
  enabled: 'auto',
  wait: true,
  batchSize: 256,
  pollIntervalMs: 1000,
  timeoutMs: 900_000,
  strict: true,
  allowDrift: false,
};

/** The file's JSON, `{}` when there is no file (a file holding `null` stays `null`: refused below). */
const readJson = (path: string): any => {
  const json = readJsonFile(path);
  return json === undefined ? {} : json;
};

/** The keys of `convex-orm.json`'s top level (`$schema`: the JSON schema editors add for completion). */
const FILE_KEYS = ['$schema', 'migrationsDir', 'functionsModule', 'deploy', 'dev'] as const;

/**
 * Reads `convex-orm.json` from `cwd` (all keys optional). The functions directory comes from
 * `convex.json` (`functions`, default `convex/`), as `convex dev` finds it. A value of the wrong
 * type is a usage error naming its key, rather than read as something else (`"strict": "false"`
 * is no `false`), and so is a key the file does not know (a misspelt `"migrationDir"` would
 * otherwise leave the default in force without a word).
 */
export function loadConfig(cwd: string): CliConfig {
  const file = readJson(join(cwd, 'convex-orm.json'));
  if (!isJsonObject(file)) {
    throw new CliError(`convex-orm.json: the file must be an object of settings, got ${JSON.stringify(file)}.`, 2);
  }
  checkKeys(file, '', FILE_KEYS);
  const functionsDir = functionsDirectory(cwd);
  const deploy = checkRunConfig({ ...DEPLOY_DEFAULTS, ...runSection(file, 'deploy') }, 'deploy');
  return {
    functionsDir,
    migrationsDir: projectDirectory(checkPath(file, 'migrationsDir')) ?? `${functionsDir}/migrations`,
    functionsModule: checkPath(file, 'functionsModule') ?? 'migrations',
    deploy,
    dev: checkRunConfig({ ...deploy, strict: false, allowDrift: true, ...runSection(file, 'dev') }, 'dev'),
  };
}

/**
 * The functions directory `convex.json` names in `cwd` (`functions`, default `convex`), as Convex's
 * CLI resolves it: joined onto the project directory (`path.join`, so `./convex/`, `convex` and
 * an absolute `/convex` are all `<project>/convex`), without its trailing slashes. It is where the
 * CLI reads the schema and writes migrations, so a value that is no path (`3` read as the
 * directory "3"), the project itself (`""`, `.`, `convex/..`) or a path out of it
 * (`../other/convex`) is a usage error naming the file and the field.
 */
function functionsDirectory(cwd: string): string {
  const convexJson = readJson(join(cwd, 'convex.json'));
  if (!isJsonObject(convexJson)) {
    throw new CliError(`convex.json: the file must be an object of settings, got ${JSON.stringify(convexJson)}.`, 2);
  }
  const { functions } = convexJson;
  if (functions === undefined) return 'convex';
  if (typeof functions !== 'string') {
    throw new CliError(
      `convex.json: functions must be a string (the functions directory, inside the project), got ${JSON.stringify(functions)}.`,
      2,
    );
  }
  // Joined onto the directory of convex.json, as Convex does (functionsDir in its
  // cli/lib/utils/utils.js); the last '.' drops a trailing slash ('/' is '.').
  const directory = join('.', functions, '.');
  if (directory === '.') {
    throw new CliError(
      `convex.json: functions must be a directory inside the project, not the project itself, got ${JSON.stringify(functions)}.`,
      2,
    );
  }
  if (directory === '..' || directory.startsWith(`..${sep}`)) {
    throw new CliError(
      `convex.json: functions must be a directory inside the project, got ${JSON.stringify(functions)}.`,
      2,
    );
  }
  return directory;
}

/**
 * Throws unless `cwd` is a Convex app's directory: it has the functions directory or a
 * `convex-orm.json`. A command that would create the migrations directory checks this first, so
 * a run elsewhere (a parent directory, the home directory) scaffolds nothing there.
 */
export function checkAppDirectory(cwd: string, config: CliConfig): void {
  if (existsSync(join(cwd, config.functionsDir)) || existsSync(join(cwd, 'convex-orm.json'))) return;
  throw new CliError(
    `${cwd} is not a Convex app: it has no ${config.functionsDir}/ directory and no convex-orm.json. Run the command in your app's directory.`,
    2,
  );
}

const invalid = (key: string, expected: string, value: unknown) =>
  new CliError(`convex-orm.json: ${key} must be ${expected}, got ${JSON.stringify(value)}.`, 2);

/** Throws on the first key of `object` (at `place`, '' for the top level) not among `known`. */
function checkKeys(object: Record<string, unknown>, place: string, known: readonly string[]): void {
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  if (unknown === undefined) return;
  const where = place === '' ? 'the keys are' : `the keys of ${place} are`;
  const key = place === '' ? unknown : `${place}.${unknown}`;
  throw new CliError(`convex-orm.json: unknown key ${JSON.stringify(key)}; ${where} ${known.join(', ')}.`, 2);
}

/** A top-level path of the file, when given: a non-empty string. */
function checkPath(file: Record<string, unknown>, key: 'migrationsDir' | 'functionsModule'): string | undefined {
  const value = file[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(key, 'a non-empty string', value);
  return value;
}

/**
 * convex-orm.json's `migrationsDir` as a directory of the project, read as convex.json's
 * `functions` is (`/convex/migrations` and `./convex/migrations/` are `convex/migrations`), so the
 * files written there and the imports computed from it agree; one outside the project, or the
 * project itself, is refused (exit 2).
 */
function projectDirectory(given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const directory = join('.', given, '.');
  if (directory === '.' || directory === '..' || directory.startsWith(`..${sep}`)) {
    throw new CliError(
      `convex-orm.json: migrationsDir must be a directory inside the project, got ${JSON.stringify(given)}.`,
      2,
    );
  }
  return directory;
}

/** `<section>.migrations` of the file, or nothing when absent. */
function runSection(file: Record<string, unknown>, section: 'deploy' | 'dev'): Record<string, unknown> {
  const outer = file[section];
  if (outer === undefined) return {};
  if (!isJsonObject(outer)) throw invalid(section, 'an object', outer);
  checkKeys(outer, section, ['migrations']);
  if (outer.migrations === undefined) return {};
  if (!isJsonObject(outer.migrations)) throw invalid(`${section}.migrations`, 'an object', outer.migrations);
  checkKeys(outer.migrations, `${section}.migrations`, Object.keys(RUN_CONFIG_RULES));
  return outer.migrations;
}

/**
 * The largest batch size of a run (`--batch-size`, `batchSize`): Convex writes at most 16,000 documents in one
 * transaction (the runtime's `MAX_BATCH_SIZE`; a constant here, so the CLI bundle does not
 * take in the runtime, and a test keeps the two equal).
 */
export const RUN_BATCH_LIMIT = 16_000;

const isBoolean = (value: unknown) => typeof value === 'boolean';
const isPositiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 1;

/**
 * What each key of a `migrations` section must hold, and how the error says it. A batch size of
 * 0 or a fraction would make every batch look like the last (a backfill that never ends); a poll
 * interval of 0 would ask for the run's status without a pause.
 */
const RUN_CONFIG_RULES: Record<keyof MigrationRunConfig, readonly [(value: unknown) => boolean, string]> = {
  enabled: [(value) => value === 'auto' || value === 'on' || value === 'off', '"auto", "on" or "off"'],
  wait: [isBoolean, 'true or false'],
  batchSize: [
    (value) => isPositiveInteger(value) && (value as number) <= RUN_BATCH_LIMIT,
    `a positive integer up to ${RUN_BATCH_LIMIT}`,
  ],
  pollIntervalMs: [isPositiveInteger, 'a positive integer'],
  timeoutMs: [isPositiveInteger, 'a positive integer'],
  strict: [isBoolean, 'true or false'],
  allowDrift: [isBoolean, 'true or false'],
};

/** Checks every key of a section's run config, defaults merged; throws on the first wrong one. */
function checkRunConfig(config: MigrationRunConfig, section: 'deploy' | 'dev'): MigrationRunConfig {
  for (const [key, [valid, expected]] of Object.entries(RUN_CONFIG_RULES)) {
    const value = config[key as keyof MigrationRunConfig];
    if (!valid(value)) throw invalid(`${section}.migrations.${key}`, expected, value);
  }
  return config;
}
