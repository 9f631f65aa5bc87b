// @vitest-environment node
// CONVEX_DEPLOY_KEY=<ignore_deploy_key> is no key, as Convex's CLI reads it: a self-hosted backend
// then gets no --prod.
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

describe('CONVEX_DEPLOY_KEY=<ignore_deploy_key>', () => {
  it('is no key: a self-hosted backend gets no --prod', () => {
    const cwd = tempProject();
    const env = {
      CONVEX_DEPLOY_KEY: '<ignore_deploy_key>',
      CONVEX_SELF_HOSTED_URL: 'http://127.0.0.1:3210',
      CONVEX_SELF_HOSTED_ADMIN_KEY: 'k',
    };
    expect(runTarget([], true, cwd, env)).toEqual([]);
  });
});
