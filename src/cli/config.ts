import { join } from 'node:path';
import { CliError } from './errors.js';
import { readJsonFile } from './jsonFile.js';

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

const readJson = (path: string): any => readJsonFile(path) ?? {};

/**
 * Reads `convex-orm.json` from `cwd` (all keys optional). The functions directory comes from
 * `convex.json` (`functions`, default `convex/`), as `convex dev` finds it.
 */
export function loadConfig(cwd: string): CliConfig {
  const file = readJson(join(cwd, 'convex-orm.json'));
  const functionsDir = String(readJson(join(cwd, 'convex.json')).functions ?? 'convex').replace(/\/+$/, '');
  const deploy = checkRunConfig({ ...DEPLOY_DEFAULTS, ...file.deploy?.migrations }, 'deploy');
  return {
    functionsDir,
    migrationsDir: file.migrationsDir ?? `${functionsDir}/migrations`,
    functionsModule: file.functionsModule ?? 'migrations',
    deploy,
    dev: checkRunConfig({ ...deploy, strict: false, allowDrift: true, ...file.dev?.migrations }, 'dev'),
  };
}

/** A batch size of 0 or a fraction would make every batch look like the last (a backfill that never ends). */
function checkRunConfig(config: MigrationRunConfig, section: 'deploy' | 'dev'): MigrationRunConfig {
  const { batchSize } = config;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new CliError(
      `convex-orm.json: ${section}.migrations.batchSize must be a positive integer, got ${JSON.stringify(batchSize)}.`,
      2,
    );
  return config;
}
