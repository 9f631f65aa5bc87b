// @vitest-environment node
// After a deploy that did not go to production (a self-hosted backend, a named preview), the
// commands a message suggests do not name --prod: they would reach another deployment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { MigrationTransport } from '../../../src/cli/transport';
import { captureIo } from '../io';
import { app } from './common';

const failed = {
  runId: 'r1',
  direction: 'up',
  dryRun: false,
  status: 'failed',
  migrationIds: ['20260101_000000_a'],
  currentIndex: 0,
  chunks: 1,
  progress: [{ migrationId: '20260101_000000_a', status: 'failed', processed: 3, changed: 1 }],
  lastError: 'boom',
};

const transport: MigrationTransport = {
  call: async (name) => {
    if (name === 'run')
      return {
        status: 'running',
        runId: 'r1',
        migrationIds: ['20260101_000000_a'],
        dryRun: false,
        alreadyActive: false,
      };
    if (name === 'status') return { run: failed };
    return { batch: null, remaining: 0 };
  },
};

/** The `convex-orm migrate ...` commands quoted in the text. */
const suggested = (text: string) => [...text.matchAll(/`(convex-orm migrate [^`]*)`/g)].map((m) => m[1]!);

describe('hints after a deploy that did not go to production', () => {
  it('self-hosted: no --prod in the suggested command', async () => {
    const cwd = app();
    writeFileSync(
      join(cwd, '.env.local'),
      'CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\nCONVEX_SELF_HOSTED_ADMIN_KEY=convex-self-hosted|01ab\n',
    );
    const transports: { deployment?: readonly string[] }[] = [];
    const { io, output } = captureIo(cwd, transport, { onSleep: async () => {}, transports });
    expect(await runCli(['deploy'], io)).toBe(1);
    expect(transports[0]?.deployment).toEqual([]); // convex run got no --prod
    expect(suggested(output.stderr).length).toBeGreaterThan(0);
    for (const command of suggested(output.stderr)) expect(command).not.toContain('--prod');
  });

  it('deploy -- --preview-name feat: no --prod in the suggested command', async () => {
    const transports: { deployment?: readonly string[] }[] = [];
    const { io, output } = captureIo(app(), transport, { onSleep: async () => {}, transports });
    expect(await runCli(['deploy', '--', '--preview-name', 'feat'], io)).toBe(1);
    expect(transports[0]?.deployment).toEqual(['--preview-name', 'feat']);
    expect(suggested(output.stderr).length).toBeGreaterThan(0);
    for (const command of suggested(output.stderr)) expect(command).not.toContain('--prod');
  });
});
