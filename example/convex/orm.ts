import { createOrm, type Orm } from 'convex-orm';
import { internal } from './_generated/api';
import { relations } from './schema';

/**
 * The app's ORM, created once at module scope; `orm.db(ctx)` inside each function.
 * The annotation breaks the type cycle `internal` -> modules -> `orm` -> `internal`.
 */
export const orm: Orm<typeof relations> = createOrm({
  relations,
  scheduledDelete: internal.deletions.scheduledDelete,
});
