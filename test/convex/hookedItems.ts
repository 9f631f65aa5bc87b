// Items with a unique name and an $onUpdateFn column, and refs pointing at them (set null): hooks tests over them.
import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  type TriggersConfig,
  text,
} from '../../src/index';
import { hookedOrm } from './hookedOrm';

export const items = convexTable('items', {
  name: text().notNull().unique(),
  n: integer().notNull().default(0),
  stamp: integer().$onUpdateFn(() => 42),
});
export const refs = convexTable(
  'refs',
  {
    itemId: id('items').references(() => items._id, { onDelete: 'set null' }),
    label: text().notNull().default('r'),
  },
  (t) => [index('by_item').on(t.itemId)],
);

export const tables = { items, refs };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  items: { refs: r.many.refs() },
  refs: { item: r.one.items({ from: r.refs.itemId, to: r.items._id }) },
}));

export function backend(config?: TriggersConfig<typeof relations>, options: { rowCap?: number } = {}) {
  const t = convexTest({ schema, modules });
  return { t, ...hookedOrm(t, relations, config, options) };
}

export const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: any) => e?.code ?? String(e?.message ?? e),
  );
