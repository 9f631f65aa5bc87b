import { convexTable, defineRelations, defineSchema, id, index, type OrmWriter, text } from '../../src/index';

/** Owners and their items: the schema of the rule-function tests (`ruleFunction*.test.ts`). */
export const owners = convexTable('owners', { name: text().notNull() });
export const items = convexTable('items', { title: text().notNull(), ownerId: id('owners').notNull() }, (t) => [
  index('by_owner').on(t.ownerId),
]);
export const schema = defineSchema({ owners, items });
export const relations = defineRelations({ owners, items });
export type Db = OrmWriter<typeof relations>;
