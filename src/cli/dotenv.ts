import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CliError } from './errors.js';

/** The part of dotenv the CLI uses. */
interface Dotenv {
  parse(text: string): Record<string, string>;
}

/**
 * dotenv, the reader Convex's CLI reads env files with (`convex` depends on it), so that the CLI
 * reads a file exactly as Convex does: found next to convex-orm (hoisted installs), else through
 * the app's `convex` package (pnpm, nested).
 */
export function loadDotenv(cwd: string): Dotenv {
  try {
    return createRequire(import.meta.url)('dotenv') as Dotenv;
  } catch {
    const convexPackage = join(cwd, 'node_modules', 'convex', 'package.json');
    if (!existsSync(convexPackage)) {
      throw new CliError(
        "Cannot find dotenv (the env file reader of Convex's CLI) or the `convex` package; run the command in your Convex app.",
      );
    }
    return createRequire(realpathSync(convexPackage))('dotenv') as Dotenv;
  }
}
