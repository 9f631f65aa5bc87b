// @vitest-environment node
// On a self-hosted backend (CONVEX_SELF_HOSTED_URL in the environment or .env.local), `deploy`
// calls `convex run` without --prod, which Convex refuses there (one deployment).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { convexRunTransport } from '../../../src/cli/transport';
import { captureIo } from '../io';
import { app } from './common';

const VARS = ['CONVEX_SELF_HOSTED_URL', 'CONVEX_SELF_HOSTED_ADMIN_KEY'] as const;
const saved = VARS.map((name) => [name, process.env[name]] as const);
afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Runs `deploy` with the real transport over a fake `npx`, returning the `convex run` command lines. */
async function deployRuns(cwd: string) {
  const lines: string[] = [];
  const run = async (command: string, args: readonly string[]) => {
    lines.push(`${command} ${args.join(' ')}`);
    const name = args[2] ?? '';
    const stdout = name.endsWith(':run')
      ? JSON.stringify({ status: 'noop', reason: 'every migration is applied' })
      : name.endsWith(':backfillAggregates')
        ? JSON.stringify({ batch: null, remaining: 0 })
        : '';
    return { code: 0, stdout, stderr: '' };
  };
  const { io } = captureIo(cwd, { call: async () => null }, { run });
  io.transport = (options) => convexRunTransport({ ...options, cwd, run });
  const code = await runCli(['deploy'], io);
  return { code, runs: lines.filter((line) => line.startsWith('npx convex run ')) };
}

describe('deploy to a self-hosted backend', () => {
  it('self-hosted through environment variables: convex run without --prod', async () => {
    process.env.CONVEX_SELF_HOSTED_URL = 'http://127.0.0.1:3210';
    process.env.CONVEX_SELF_HOSTED_ADMIN_KEY = 'convex-self-hosted|key';
    const { code, runs } = await deployRuns(app());
    expect(code).toBe(0);
    expect(runs.length).toBeGreaterThan(0);
    for (const line of runs) expect(line).not.toMatch(/ --prod\b/);
  });

  it('self-hosted through .env.local: convex run without --prod', async () => {
    const cwd = app();
    writeFileSync(
      join(cwd, '.env.local'),
      'CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\nCONVEX_SELF_HOSTED_ADMIN_KEY=convex-self-hosted|key\n',
    );
    const { code, runs } = await deployRuns(cwd);
    expect(code).toBe(0);
    expect(runs.length).toBeGreaterThan(0);
    for (const line of runs) expect(line).not.toMatch(/ --prod\b/);
  });
});
