import { type AnyColumn, convexTable, text } from '../../src/index';

/**
 * A tree of nodes for the tests of foreign-key actions merging into a statement's own rows: each names
 * its parent by name, and renaming a node cascades to its children (a self-referencing cascade).
 */
export const nodes = convexTable('nodes', {
  name: text().notNull().unique(),
  parent: text()
    .notNull()
    .references((): AnyColumn => nodes.name, { onUpdate: 'cascade' }),
  label: text(),
});
