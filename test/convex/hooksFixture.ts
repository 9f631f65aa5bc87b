import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  type TriggersConfig,
  text,
  timestamp,
} from '../../src/index';
import { hookedOrm } from './hookedOrm';

export const parents = convexTable(
  'parents',
  { name: text().notNull().unique(), n: integer().notNull().default(0), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
export const children = convexTable(
  'children',
  {
    parentId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_parent').on(t.parentId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
export const grands = convexTable(
  'grands',
  {
    childId: id('children')
      .notNull()
      .references(() => children._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [deletion('scheduled', { column: t.deletedAt, delayMs: 1000 })],
);
export const nodes = convexTable(
  'nodes',
  {
    name: text().notNull(),
    next: id('nodes').references((): AnyColumn => nodes._id, { onDelete: 'cascade' }),
    deletedAt: timestamp(),
  },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
export const logs = convexTable('logs', { msg: text().notNull(), depth: integer() });

export const tables = { parents, children, grands, nodes, logs };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  parents: { children: r.many.children() },
  children: {
    parent: r.one.parents({ from: r.children.parentId, to: r.parents._id }),
    grands: r.many.grands(),
  },
  grands: { child: r.one.children({ from: r.grands.childId, to: r.children._id }) },
  nodes: { nextNode: r.one.nodes({ from: r.nodes.next, to: r.nodes._id }) },
}));

export type TriggerConfig = TriggersConfig<typeof relations>;

export function backend(config?: TriggerConfig, options: { rowCap?: number } = {}) {
  const t = convexTest({ schema, modules });
  return { t, ...hookedOrm(t, relations, config, options) };
}
