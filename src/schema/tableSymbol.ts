/**
 * The key of a table's runtime metadata (see `getTableConfig`). A registered symbol, so tables
 * built by another copy of convex-orm (the CLI loading an app's bundled schema) are recognized.
 * Its own module so the Node CLI can use it without importing the runtime.
 */
export const TableSymbol: unique symbol = Symbol.for('convex-orm:table');

/** The key under which an aliased table (`alias(users, 'parent')`) holds its alias. */
export const AliasSymbol: unique symbol = Symbol.for('convex-orm:alias');
