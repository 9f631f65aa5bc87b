// `npm test`: the type checkers over src and tests (TypeScript 7, the
// project's own, and the pinned TypeScript 5.x users run) and, beside them, every vitest
// test (unit, convex-test integration and *.test-d.ts type tests) in one run.
// Ends with one plain line, `N passed, N failed`, that CI reads.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const extra = process.argv.slice(2);

/** Runs one checker with its output held back, so that two checkers running at once do not interleave. */
function check(name, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: false });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(output);
      console.log(
        code === 0
          ? `${name}: no type errors (${seconds} s)`
          : `${name}: type errors, counted as one failure (${seconds} s)`,
      );
      resolve(code ?? 1);
    });
  });
}

// The checkers run beside vitest: each checker is mostly single-threaded and vitest leaves a
// core idle part of the time (module imports), so the three together end sooner than in turn
// (on the 2-core CI machine the checkers alone took 75 s before vitest started).
console.log('> tsc --noEmit (TypeScript 7 and 5.x) and vitest run, at once');
const checkers = Promise.all([
  check('tsc 7', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
  check('tsc 5', process.execPath, ['node_modules/typescript-5/bin/tsc', '--noEmit', '-p', 'tsconfig.json']),
]);

const report = '.vitest-report.json';
rmSync(report, { force: true });
const vitestStatus = await new Promise((resolve) => {
  const child = spawn(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...extra],
    {
      stdio: 'inherit',
      shell: false,
    },
  );
  child.on('close', (code) => resolve(code ?? 1));
});
const checkerStatuses = await checkers;

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
failed += checkerStatuses.filter((status) => status !== 0).length;
if (vitestStatus !== 0 && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
