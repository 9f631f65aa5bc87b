// @vitest-environment node
// `--run-sh`, Convex's old name of `--start`, goes to `dev`'s watcher only.
import { describe, expect, it } from 'vitest';
import { devArguments } from '../../../src/cli/deploymentTarget';

describe('devArguments: --run-sh, the deprecated --start', () => {
  it('goes to the watcher only', () => {
    expect(devArguments(['--run-sh', 'vite --open', '--typecheck', 'disable'])).toEqual({
      push: ['--typecheck', 'disable'],
      watch: ['--run-sh', 'vite --open', '--typecheck', 'disable'],
    });
    expect(devArguments(['--run-sh=vite']).push).toEqual([]);
  });
});
