// @vitest-environment node
// `dev -- <args>` hands one-time `convex dev` options (`--run`, `--configure`) to its first push
// only, so a seed function runs once and a project is configured once.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { captureIo } from '../io';
import { app, deployment, runner } from './common';

describe('dev hands one-time convex dev arguments to one invocation', () => {
  it.each([
    [['--run', 'init'], '--run init'],
    [['--configure', 'new'], '--configure new'],
  ])('dev -- %j', async (extra, arg) => {
    const { run, commands } = runner();
    const { transport } = deployment();
    const { io } = captureIo(app(), transport, { run, onSleep: async () => {} });
    expect(await runCli(['dev', '--', ...extra], io)).toBe(0);
    expect(commands.filter((line) => line.startsWith('npx convex dev')).length).toBe(2);
    expect(commands.filter((line) => line.includes(arg)).length).toBe(1);
  });
});
