// @vitest-environment node
// When `deploy` skips the migrations because the app has no functions module ("auto"), it says so,
// naming the module it looked for, not the `enabled` setting.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { captureIo } from '../io';
import { app, deployment, runner } from './common';

describe('deploy says why it skipped the migrations', () => {
  it('auto, without the functions module: names the module, not the setting', async () => {
    const cwd = app({ functionsModule: 'db/migrations' });
    rmSync(join(cwd, 'convex/migrations.ts'));
    const { run } = runner();
    const { transport, calls } = deployment();
    const { io, output } = captureIo(cwd, transport, { run });
    expect(await runCli(['deploy'], io)).toBe(0);
    expect(calls).toEqual([]);
    expect(output.stdout).toContain('db/migrations');
    expect(output.stdout).not.toContain('(convex-orm.json deploy.migrations.enabled)');
  });
});
