// A small app of its own for migration tests: `items` with an object column, a json column and a unique code.
import { defineMigrationSet, type Migration } from 'convex-orm/migrations';
import { internalMutation } from '../../../example/convex/_generated/server';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  json,
  objectOf,
  text,
} from '../../../src/index';
import { migrationBackend } from './harness';

export const items = convexTable('items', {
  name: text().notNull(),
  code: text().unique(),
  n: integer(),
  flag: boolean(),
  address: objectOf({ street: text().notNull(), unit: text() }),
  meta: json<{ tags: string[]; note?: string }>(),
});
export const schema = defineSchema({ items });
export const relations = defineRelations({ items });
export const orm = createOrm({ relations });

export function backendOf(migrations: Migration[], transactionLimits = false) {
  return migrationBackend(defineMigrationSet(migrations), orm as never, internalMutation, transactionLimits, schema);
}
