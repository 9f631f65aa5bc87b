// biome-ignore-all format: the guide's blocks, verbatim
/**
 * The migration functions block of docs/aggregates.md on the example app (example/convex/migrations.ts
 * exports the same), type-checked by `tsc`.
 */
import { defineMigrationFunctions } from 'convex-orm/migrations';
import { internal } from '../../example/convex/_generated/api';
import { internalMutation, internalQuery } from '../../example/convex/_generated/server';
import { migrations } from '../../example/convex/migrations/manifest';
import { orm } from '../../example/convex/orm';

// convex/migrations.ts: export backfillAggregates and repairAggregates with the migration functions
export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } =
  defineMigrationFunctions({ orm, migrations, internalMutation, internalQuery, self: internal.migrations });
