import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { MigrationTransport } from '../../../src/cli/transport';
import { captureIo } from '../io';
import { app } from './common';

const started = {
  status: 'running',
  runId: 'r1',
  migrationIds: ['20260101_000000_a'],
  dryRun: false,
  alreadyActive: false,
};
const runView = (status: string) => ({
  runId: 'r1',
  direction: 'up',
  dryRun: false,
  status,
  migrationIds: ['20260101_000000_a'],
  currentIndex: 0,
  chunks: 1,
  progress: [{ migrationId: '20260101_000000_a', status, processed: 3, changed: 1 }],
  lastError: status === 'failed' ? 'boom' : null,
});

function scripted(status: () => unknown): MigrationTransport {
  return {
    call: async (name) => {
      if (name === 'run') return started;
      if (name === 'status') return status();
      return { batch: null, remaining: 0 };
    },
  };
}

/**
 * Every `convex-orm migrate ...` command quoted in the text, `--prod` taken away where it is given
 * (so what is left of one that names production is `ok`); `convex-orm deploy` (always production) is ok.
 */
const suggested = (text: string) =>
  [...text.matchAll(/`convex-orm ((?:migrate|deploy)[^`]*)`/g)].map((m) =>
    m[1]!.startsWith('deploy') || m[1]!.includes('--prod') ? 'ok' : m[1]!,
  );

describe('commands suggested after a production run name --prod', () => {
  it('migrate up --prod --no-wait', async () => {
    const { io, output } = captureIo(
      app(),
      scripted(() => ({ run: runView('running') })),
    );
    expect(await runCli(['migrate', 'up', '--prod', '--no-wait'], io)).toBe(0);
    expect(suggested(output.stdout).length).toBeGreaterThan(0);
    for (const command of suggested(output.stdout)) expect(command).toBe('ok');
  });

  it('deploy --no-wait', async () => {
    const { io, output } = captureIo(
      app(),
      scripted(() => ({ run: runView('running') })),
    );
    expect(await runCli(['deploy', '--no-wait'], io)).toBe(0);
    expect(suggested(output.stdout).length).toBeGreaterThan(0);
    for (const command of suggested(output.stdout)) expect(command).toBe('ok');
  });

  it('migrate up --prod that times out', async () => {
    const capture = captureIo(
      app(),
      scripted(() => ({ run: runView('running') })),
      {
        onSleep: async (ms) => {
          capture.clock.now += ms;
        },
      },
    );
    expect(await runCli(['migrate', 'up', '--prod', '--timeout-ms', '10', '--poll-ms', '5'], capture.io)).toBe(1);
    expect(capture.output.stdout).toContain('Stopped waiting');
    expect(suggested(capture.output.stdout).length).toBeGreaterThan(0);
    for (const command of suggested(capture.output.stdout)) expect(command).toBe('ok');
  });

  it('migrate up --prod whose status polls fail', async () => {
    const { io, output } = captureIo(
      app(),
      scripted(() => {
        throw new Error('network down');
      }),
      { onSleep: async () => {} },
    );
    expect(await runCli(['migrate', 'up', '--prod'], io)).toBe(1);
    expect(output.stderr).toContain('Stopped waiting');
    expect(suggested(output.stderr).length).toBeGreaterThan(0);
    for (const command of suggested(output.stderr)) expect(command).toBe('ok');
  });

  it('deploy whose migration fails', async () => {
    const { io, output } = captureIo(
      app(),
      scripted(() => ({ run: runView('failed') })),
      { onSleep: async () => {} },
    );
    expect(await runCli(['deploy'], io)).toBe(1);
    expect(output.stderr).toContain('Migrate up failed');
    expect(suggested(output.stderr).length).toBeGreaterThan(0);
    for (const command of suggested(output.stderr)) expect(command).toBe('ok');
  });
});
