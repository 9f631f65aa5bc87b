// `npm test`: the type checker over src and tests, then every vitest test
// (unit, convex-test integration and *.test-d.ts type tests) in one run.
// Ends with one plain line, `N passed, N failed`, that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1;
const extra = process.argv.slice(2);

console.log('> tsc --noEmit');
const tscStatus = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
console.log(tscStatus === 0 ? 'tsc: no type errors' : 'tsc: type errors (counted as one failure)');

const report = '.vitest-report.json';
rmSync(report, { force: true });
console.log('> vitest run');
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  // A file that fails to load has no tests but is still a failure.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  rmSync(report, { force: true });
} else {
  failed += 1;
}
if (tscStatus !== 0) failed += 1;
if (vitestStatus !== 0 && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
