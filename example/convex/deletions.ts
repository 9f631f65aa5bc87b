import { defineDeletionFunctions } from 'convex-orm';
import { internalMutation } from './_generated/server';
import { orm } from './orm';

/** The scheduled hard delete of `deletion('scheduled')` tables (tasks); `orm.ts` passes its reference to `createOrm`. */
export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation });
