/** The `convex-orm` CLI (Node only; never imported by runtime code). */

export type { CliIo, Output } from './io.js';
export { runCli } from './main.js';
export { nodeIo } from './node.js';
export {
  type CommandRunner,
  convexRunTransport,
  type InProcessBackend,
  inProcessTransport,
  type MigrationTransport,
} from './transport.js';
