// @vitest-environment node
// With a preview deploy key and no preview named, `convex deploy` pushes to the preview named after
// the Git branch (Vercel, GitHub Actions pull requests, ...): the migrations run there, not on
// production (`convex run --preview-name <branch>`).
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';

describe('deploy with a preview deploy key', () => {
  it('migrates the preview deployment Convex pushed to, not production', () => {
    const cwd = tempProject();
    const env = { CONVEX_DEPLOY_KEY: previewKey, VERCEL: '1', VERCEL_GIT_COMMIT_REF: 'feature-x' };
    const target = runTarget([], true, cwd, env);
    expect(target).not.toContain('--prod');
    expect(target).toEqual(['--preview-name', 'feature-x']);
  });

  it('a GitHub Actions pull request (GITHUB_HEAD_REF) too', () => {
    const cwd = tempProject();
    const env = { CONVEX_DEPLOY_KEY: previewKey, CI: 'true', GITHUB_HEAD_REF: 'fix-y' };
    expect(runTarget([], true, cwd, env)).toEqual(['--preview-name', 'fix-y']);
  });
});
