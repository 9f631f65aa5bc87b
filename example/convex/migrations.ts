import { defineMigrationFunctions } from 'convex-orm/migrations';
import { internal } from './_generated/api';
import { internalMutation, internalQuery } from './_generated/server';
import { migrations } from './migrations/manifest';
import { orm } from './orm';

/** The migration runtime the `convex-orm migrate` commands call (`migrations:run`, ...). */
export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } = defineMigrationFunctions({
  orm,
  migrations,
  internalMutation,
  internalQuery,
  self: internal.migrations,
});
