// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type CommandRunner, convexRunTransport } from '../../src/cli/transport';

describe('convexRunTransport', () => {
  const recording = (result: { code: number; stdout: string; stderr: string }) => {
    const calls: string[][] = [];
    const run: CommandRunner = async (command, args) => {
      calls.push([command, ...args]);
      return result;
    };
    return { run, calls };
  };

  it('runs `npx convex run <module>:<fn> <json> [--prod]` and parses the JSON it prints', async () => {
    const { run, calls } = recording({ code: 0, stdout: '{\n  "status": "noop"\n}\n', stderr: '' });
    const transport = convexRunTransport({ module: 'migrations', prod: true, cwd: '/app', run });
    expect(await transport.call('run', { direction: 'up', batchSize: 256 })).toEqual({ status: 'noop' });
    expect(calls).toEqual([['npx', 'convex', 'run', 'migrations:run', '{"direction":"up","batchSize":256}', '--prod']]);
  });

  it('returns null for empty output and throws with the command and its stderr on failure', async () => {
    const empty = convexRunTransport({
      module: 'm',
      prod: false,
      cwd: '/app',
      run: recording({ code: 0, stdout: '', stderr: '' }).run,
    });
    expect(await empty.call('cancel', {})).toBeNull();
    const failing = convexRunTransport({
      module: 'm',
      prod: false,
      cwd: '/app',
      run: recording({ code: 1, stdout: '', stderr: 'Could not find function m:status\n' }).run,
    });
    await expect(failing.call('status', {})).rejects.toThrow(
      'npx convex run m:status {} failed:\nCould not find function m:status',
    );
  });

  it('output that is not JSON (a warning printed before it): a CliError naming the command', async () => {
    const noisy = convexRunTransport({
      module: 'm',
      prod: false,
      cwd: '/app',
      run: recording({ code: 0, stdout: 'A newer version of convex is available\n{"status":"noop"}', stderr: '' }).run,
    });
    await expect(noisy.call('status', {})).rejects.toMatchObject({
      name: 'CliError',
      message: expect.stringMatching(
        /^The output of npx convex run m:status \{\} is not valid JSON \(.+\); it was:\nA newer version/,
      ),
    });
  });
});
