// @vitest-environment node
/**
 * `convex-orm deploy -- --url <url> --admin-key <key>` (or `--admin-key=<key>`) never prints the
 * admin key (a credential with full access to the deployment; CI logs keep what a deploy step
 * prints): the echoed `> npx convex deploy ...` line and a failed `convex run`'s error show it as
 * `***` (src/cli/shownCommand.ts). Both printed it.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { convexRunTransport } from '../../src/cli/transport';
import { app } from './deployTargets/common';
import { captureIo } from './io';

const KEY = 'self-hosted-admin|0123456789abcdefSECRET';

/** `deploy` over a fake npx: `convex deploy` succeeds, `convex run` fails (as on a bad key or a crash). */
async function deployOutput(args: string[]) {
  const cwd = app();
  const run = async (_command: string, argv: readonly string[]) =>
    argv[1] === 'run'
      ? { code: 1, stdout: '', stderr: 'Error: 401 Unauthorized' }
      : { code: 0, stdout: '', stderr: '' };
  const { io, output } = captureIo(cwd, { call: async () => null }, { run });
  io.transport = (options) => convexRunTransport({ ...options, cwd, run });
  const code = await runCli(['deploy', '--', ...args], io);
  return { code, printed: output.stdout + output.stderr };
}

describe('deploy does not print the admin key it passes on', () => {
  it('--admin-key <key>', async () => {
    const { code, printed } = await deployOutput(['--url', 'http://127.0.0.1:3210', '--admin-key', KEY]);
    expect(code).toBe(1);
    expect(printed).not.toContain(KEY);
  });

  it('--admin-key=<key>', async () => {
    const { code, printed } = await deployOutput(['--url', 'http://127.0.0.1:3210', `--admin-key=${KEY}`]);
    expect(code).toBe(1);
    expect(printed).not.toContain(KEY);
  });
});
