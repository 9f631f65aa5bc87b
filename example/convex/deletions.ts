import { defineDeletionFunctions } from 'convex-orm';
import { internal } from './_generated/api';
import { internalMutation } from './_generated/server';
import { orm } from './orm';

/**
 * The scheduled hard delete of `deletion('scheduled')` tables (tasks); `orm.ts` passes its reference to `createOrm`.
 * `self`: a hard delete too large for one transaction goes on as two jobs of half the rows each.
 */
export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation, self: internal.deletions });
