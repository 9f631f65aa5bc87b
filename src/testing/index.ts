/** convex-orm/testing: helpers for tests of apps built with convex-orm. */
export { countReads, type ReadCounts } from './countReads.js';
