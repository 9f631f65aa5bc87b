// The schema of resultValidatorThroughSoftDelete.test.ts / .test-d.ts: users in groups through a
// junction, users soft-deleted, every column kind.
import { v } from 'convex/values';
import {
  bigint,
  boolean,
  bytes,
  convexTable,
  createOrm,
  custom,
  date,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  json,
  text,
  textEnum,
  timestamp,
  vector,
} from '../../src/index';

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    big: bigint(),
    raw: bytes(),
    at: timestamp({ mode: 'string' }).defaultNow(),
    day: date(),
    kind: textEnum(['a', 'b']),
    j: json<{ x: number }>(),
    c: custom(v.union(v.null(), v.object({ k: v.optional(v.string()) }))),
    vec: vector(2),
    flag: boolean().notNull().default(false),
    deletedAt: timestamp({ mode: 'string' }),
  },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
export const groups = convexTable('groups', { title: text().notNull(), at: timestamp({ mode: 'string' }) });
export const members = convexTable(
  'members',
  { userId: id('users').notNull(), groupId: id('groups').notNull() },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId)],
);
const tables = { users, groups, members };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({
      from: r.users._id.through(r.members.userId),
      to: r.groups._id.through(r.members.groupId),
    }),
  },
  groups: { members: r.many.users() },
  members: {
    user: r.one.users({ from: r.members.userId, to: r.users._id, optional: false }),
    group: r.one.groups({ from: r.members.groupId, to: r.groups._id }),
  },
}));
export const orm = createOrm({ relations });
