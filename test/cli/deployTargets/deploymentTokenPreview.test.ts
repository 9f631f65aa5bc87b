// @vitest-environment node
// The deploy key is CONVEX_DEPLOY_KEY, else CONVEX_DEPLOYMENT_TOKEN (as Convex's CLI reads it): a
// preview key in the token migrates the branch's preview, not production.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';

describe('deploy with a preview key in CONVEX_DEPLOYMENT_TOKEN', () => {
  it('migrates the preview convex deploy pushed to (environment)', () => {
    const cwd = tempProject();
    const env = { CONVEX_DEPLOYMENT_TOKEN: previewKey, CI: '1', GITHUB_HEAD_REF: 'feature-x' };
    expect(runTarget([], true, cwd, env)).toEqual(['--preview-name', 'feature-x']);
  });

  it('an empty CONVEX_DEPLOY_KEY falls through to the token', () => {
    const cwd = tempProject();
    const env = { CONVEX_DEPLOY_KEY: '', CONVEX_DEPLOYMENT_TOKEN: previewKey, VERCEL: '1', VERCEL_GIT_COMMIT_REF: 'b' };
    expect(runTarget([], true, cwd, env)).toEqual(['--preview-name', 'b']);
  });

  it('from .env.local too', () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, '.env.local'), `CONVEX_DEPLOYMENT_TOKEN=${previewKey}\n`);
    expect(runTarget([], true, cwd, { CI: '1', GITHUB_HEAD_REF: 'feature-y' })).toEqual([
      '--preview-name',
      'feature-y',
    ]);
  });
});
