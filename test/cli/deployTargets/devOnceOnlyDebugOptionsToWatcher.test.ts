// @vitest-environment node
// `--debug-bundle-path` and `--debug-node-apis`, which Convex takes only with `--once`, go to
// `dev`'s first push only.
import { describe, expect, it } from 'vitest';
import { devArguments } from '../../../src/cli/deploymentTarget';

describe('devArguments: options Convex takes only with --once', () => {
  it('--debug-bundle-path and --debug-node-apis go to the first push only', () => {
    expect(devArguments(['--debug-bundle-path', 'out', '--debug-node-apis'])).toEqual({
      push: ['--debug-bundle-path', 'out', '--debug-node-apis'],
      watch: [],
    });
  });
});
