/** convex-orm/testing: helpers for tests of apps built with convex-orm. */
export { countReads, type ReadCounts } from './countReads.js';
export {
  type MigrationFunctionRefs,
  type MigrationOutcome,
  type MigrationRunOptions,
  type MigrationTestBackend,
  type MigrationTester,
  type MigrationTesterOptions,
  migrationTester,
} from './migrationTester.js';
