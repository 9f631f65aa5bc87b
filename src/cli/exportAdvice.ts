import type { CliConfig } from './config.js';
import { CliError } from './errors.js';

/** The migration functions' exports, as docs/migrations.md sets them up. */
export const MIGRATION_EXPORTS = 'run, runChunk, status, cancel, check, backfillAggregates, repairAggregates';

/**
 * A failed call of the deployment's `name`, with what to do when it is not exported (an app set up
 * before aggregate indexes existed): Convex's own message only suggests deploying again. `more`:
 * the command's own advice after it.
 */
export function adviseExport(config: CliConfig, name: string, more = ''): (error: Error) => never {
  return (error) => {
    throw new CliError(
      `${error.message}\nIf the deployment has no \`${config.functionsModule}:${name}\`, export it: \`export const { ${MIGRATION_EXPORTS} } = defineMigrationFunctions(...)\`, then deploy.${more}`,
    );
  };
}
