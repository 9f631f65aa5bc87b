import { createOrm } from 'convex-orm';
import { relations } from './schema';

/** The app's ORM, created once at module scope; `orm.db(ctx)` inside each function. */
export const orm = createOrm({ relations });
