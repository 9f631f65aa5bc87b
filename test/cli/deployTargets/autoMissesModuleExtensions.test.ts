// @vitest-environment node
// With `migrations.enabled: "auto"`, `deploy` finds the functions module under every extension
// Convex takes a module from (.mts, .mjs, .cts, .tsx, ...), and runs the migrations and backfill.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { captureIo } from '../io';
import { app, deployment, runner } from './common';

describe('enabled: "auto" finds the migrations module by every extension Convex takes', () => {
  it.each(['migrations.mts', 'migrations.mjs', 'migrations.cts', 'migrations.tsx'])('%s', async (file) => {
    const { run } = runner();
    const { transport, calls } = deployment();
    const { io, output } = captureIo(app({}, file), transport, { run, onSleep: async () => {} });
    expect(await runCli(['deploy'], io)).toBe(0);
    expect(output.stdout).not.toContain('Migrations disabled');
    expect(calls).toEqual(['run', 'status', 'backfillAggregates']);
  });
});
