import { v } from 'convex/values';
import { createOrm } from 'convex-orm';
import { query } from '../../example/convex/_generated/server';
import { relations } from './schema';

const orm = createOrm({ relations });
export const byAuthor = query({ args: { email: v.string() }, handler: (ctx, { email }) =>
  orm.db(ctx).query.users.findFirst({ where: { email }, with: { posts: { limit: 10 } } }) });
