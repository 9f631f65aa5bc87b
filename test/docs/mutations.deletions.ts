// biome-ignore-all format: the guide's blocks, verbatim
/**
 * The scheduled-delete block of docs/mutations.md on the example app (whose deletions.ts and
 * orm.ts hold the same), type-checked by `tsc`.
 */
import { createOrm, defineDeletionFunctions, type Orm } from 'convex-orm';
import { internal } from '../../example/convex/_generated/api';
import { internalMutation } from '../../example/convex/_generated/server';
import { relations } from '../../example/convex/schema';

// convex/orm.ts (the annotation breaks the type cycle through `internal`)
export const orm: Orm<typeof relations> = createOrm({ relations, scheduledDelete: internal.deletions.scheduledDelete });
// convex/deletions.ts
export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation, self: internal.deletions });
