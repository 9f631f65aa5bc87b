/**
 * convex-orm: a type-safe ORM for Convex with the Drizzle v1 API.
 * The core entry: schema, relations, queries, mutations, operators, errors.
 */
export { isOrmError, OrmError, type OrmErrorCode, type OrmErrorData, TransactionRollbackError } from './errors.js';
export * from './filter/index.js';
export * from './mutation/index.js';
export * from './schema/index.js';
