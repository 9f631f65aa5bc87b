import { runCli } from './main.js';
import { nodeIo } from './node.js';

// Entry of bin/convex-orm.mjs (and of dist/cli.mjs, its bundle).
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
