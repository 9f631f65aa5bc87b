// @vitest-environment node
// `convex deploy --dry-run` (or `--write-push-request`) pushes no code: `deploy` then runs neither
// the migrations nor the aggregate backfill (they would run against the old code, for real), and
// says why. An option's value that reads `--dry-run` is no such option.
import { describe, expect, it } from 'vitest';
import { pushlessDeployOption } from '../../../src/cli/deploymentTarget';
import { runCli } from '../../../src/cli/main';
import { captureIo } from '../io';
import { app, deployment, runner } from './common';

describe('deploy after a convex deploy that pushed nothing', () => {
  it.each([
    ['--dry-run', ['deploy', '--', '--dry-run']],
    ['--write-push-request', ['deploy', '--', '--write-push-request', 'out']],
    ['--dry-run', ['deploy', '--dry-run', '--', '--typecheck', 'disable', '--dry-run']],
  ])('%s: %j runs convex deploy only', async (option, argv) => {
    const { run, commands } = runner();
    const { transport, calls } = deployment();
    const { io, output } = captureIo(app(), transport, { run, onSleep: async () => {} });
    const code = await runCli(argv, io);
    expect({ code, commands: commands.map((c) => c.split(' ').slice(0, 3).join(' ')), calls }).toEqual({
      code: 0,
      commands: ['npx convex deploy'],
      calls: [],
    });
    expect(output.stdout).toContain(`\`convex deploy ${option}\` pushed no code`);
  });

  it('a real deploy still migrates; an option value reading --dry-run is a value', async () => {
    expect(pushlessDeployOption(['--cmd', '--dry-run'])).toBeNull();
    expect(pushlessDeployOption(['--message', 'x', '--verbose'])).toBeNull();
    expect(pushlessDeployOption(['--message', 'x', '--dry-run'])).toBe('--dry-run');
    const { run } = runner();
    const { transport, calls } = deployment();
    const { io } = captureIo(app(), transport, { run, onSleep: async () => {} });
    expect(await runCli(['deploy', '--', '--message', 'x'], io)).toBe(0);
    expect(calls).toContain('run');
  });
});
