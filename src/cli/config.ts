import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

const readJson = (path: string): any => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});

/**
 * Reads `convex-orm.json` from `cwd` (all keys optional). The functions directory comes from
 * `convex.json` (`functions`, default `convex/`), as `convex dev` finds it.
 */
export function loadConfig(cwd: string): CliConfig {
  const file = readJson(join(cwd, 'convex-orm.json'));
  const functionsDir = String(readJson(join(cwd, 'convex.json')).functions ?? 'convex').replace(/\/+$/, '');
  const deploy = { ...DEPLOY_DEFAULTS, ...file.deploy?.migrations };
  return {
    functionsDir,
    migrationsDir: file.migrationsDir ?? `${functionsDir}/migrations`,
    functionsModule: file.functionsModule ?? 'migrations',
    deploy,
    dev: { ...deploy, strict: false, allowDrift: true, ...file.dev?.migrations },
  };
}
