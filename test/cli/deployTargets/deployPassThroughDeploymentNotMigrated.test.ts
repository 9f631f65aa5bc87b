// @vitest-environment node
// `deploy` and `dev` migrate (and backfill) the deployment they pushed to: the arguments after `--`
// that choose the deployment (`--env-file`, `--preview-create` as `--preview-name`, `--deployment`,
// ...) reach `convex run` too; `dev -- --prod` is refused (exit 2) before anything runs.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { captureIo } from '../io';
import { app, deployment, runner } from './common';

describe('deploy/dev migrate the deployment the code was pushed to', () => {
  it.each([
    [['deploy', '--', '--env-file', '.env.staging'], '.env.staging'],
    [['deploy', '--', '--preview-create', 'feature-x'], 'feature-x'],
    [['deploy', '--', '--deployment', 'staging'], 'staging'],
    [['dev', '--', '--env-file', '.env.other'], '.env.other'],
    [['dev', '--', '--prod'], '--prod'],
  ])('%j', async (argv, selection) => {
    const { run, commands } = runner();
    const { transport, calls } = deployment();
    const transports: object[] = [];
    const { io } = captureIo(app(), transport, { run, transports, onSleep: async () => {} });
    const code = await runCli(argv, io);
    const refused = code === 2 && commands.length === 0 && calls.length === 0;
    // Every transport the migrations and the backfill went through knows the selection.
    const knows = (options: object) =>
      selection === '--prod'
        ? (options as { prod?: boolean }).prod === true || JSON.stringify(options).includes('--prod')
        : JSON.stringify(options).includes(selection);
    const forwarded = transports.length > 0 && transports.every(knows);
    expect({ code, commands, transports, refused: refused || forwarded }).toMatchObject({ refused: true });
  });
});
