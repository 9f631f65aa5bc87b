import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Bundles the CLI as `npm run build:cli` does, its esbuild command read from package.json (so a
 * test runs what the published package ships, not a copy of its flags), into `outfile`.
 */
export function buildCli(outfile: string): SpawnSyncReturns<string> {
  const script: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts['build:cli'];
  const args = script.split(' ').map((arg) => (arg.startsWith('--outfile=') ? `--outfile=${outfile}` : arg));
  return spawnSync('npx', args, { encoding: 'utf8' });
}
