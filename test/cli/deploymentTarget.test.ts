// @vitest-environment node
// runTarget: the `convex run` arguments that reach the deployment `convex deploy|dev <args>` pushed
// to; devArguments: which `convex dev` call of `dev` gets each pass-through argument.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devArguments, runTarget } from '../../src/cli/deploymentTarget';
import { tempProject } from './io';

const noEnv = {};

describe('runTarget', () => {
  it('a deploy goes to production; the options choosing a deployment are forwarded', () => {
    const cwd = tempProject();
    expect(runTarget([], true, cwd, noEnv)).toEqual(['--prod']);
    expect(runTarget(['--typecheck', 'disable'], true, cwd, noEnv)).toEqual(['--prod']);
    expect(runTarget(['--env-file', '.env.staging', '--message', 'x'], true, cwd, noEnv)).toEqual([
      '--env-file',
      '.env.staging',
      '--prod',
    ]);
    // A named deployment replaces --prod (convex run refuses both).
    expect(runTarget(['--preview-create', 'feature-x'], true, cwd, noEnv)).toEqual(['--preview-name', 'feature-x']);
    expect(runTarget(['--deployment=staging'], true, cwd, noEnv)).toEqual(['--deployment', 'staging']);
    expect(runTarget(['--url', 'https://a.convex.cloud', '--admin-key', 'k'], true, cwd, noEnv)).toEqual([
      '--url',
      'https://a.convex.cloud',
      '--admin-key',
      'k',
    ]);
  });

  it('a self-hosted app (environment, .env.local, or the env file given) gets no --prod', () => {
    const cwd = tempProject();
    const selfHosted = 'CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\nCONVEX_SELF_HOSTED_ADMIN_KEY=k\n';
    expect(
      runTarget([], true, cwd, { CONVEX_SELF_HOSTED_URL: 'http://127.0.0.1:3210', CONVEX_SELF_HOSTED_ADMIN_KEY: 'k' }),
    ).toEqual([]);
    // Both variables, as Convex requires: a URL alone is no self-hosted backend.
    expect(runTarget([], true, cwd, { CONVEX_SELF_HOSTED_URL: 'http://127.0.0.1:3210' })).toEqual(['--prod']);
    writeFileSync(join(cwd, '.env.selfhosted'), selfHosted);
    expect(runTarget(['--env-file', '.env.selfhosted'], true, cwd, noEnv)).toEqual(['--env-file', '.env.selfhosted']);
    expect(runTarget([], true, cwd, noEnv)).toEqual(['--prod']);
    writeFileSync(join(cwd, '.env.local'), `# comment\n${selfHosted}`);
    expect(runTarget([], true, cwd, noEnv)).toEqual([]);
  });

  it('dev goes where its push goes; dev -- --prod is a usage error', () => {
    const cwd = tempProject();
    expect(runTarget([], false, cwd, noEnv)).toEqual([]);
    expect(runTarget(['--env-file', '.env.other'], false, cwd, noEnv)).toEqual(['--env-file', '.env.other']);
    expect(() => runTarget(['--prod'], false, cwd, noEnv)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('devArguments', () => {
  it('one-time options go to the first push, --start to the watcher, the rest to both', () => {
    expect(
      devArguments(['--run', 'init', '--configure', 'new', '--start', 'vite', '--typecheck', 'disable', '--tail-logs']),
    ).toEqual({
      push: ['--run', 'init', '--configure', 'new', '--typecheck', 'disable', '--tail-logs'],
      watch: ['--start', 'vite', '--typecheck', 'disable', '--tail-logs'],
    });
    expect(devArguments(['--run=init', '--configure'])).toEqual({ push: ['--run=init', '--configure'], watch: [] });
  });
});

describe('runTarget with a preview deploy key', () => {
  const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';

  it('goes to the preview named after the branch, or the one named; without either it is a usage error', () => {
    const cwd = tempProject();
    expect(runTarget([], true, cwd, { CONVEX_DEPLOY_KEY: previewKey, CI: '1', GITHUB_HEAD_REF: 'fix-y' })).toEqual([
      '--preview-name',
      'fix-y',
    ]);
    expect(runTarget(['--preview-name', 'feat'], true, cwd, { CONVEX_DEPLOY_KEY: previewKey })).toEqual([
      '--preview-name',
      'feat',
    ]);
    expect(() => runTarget([], true, cwd, { CONVEX_DEPLOY_KEY: previewKey })).toThrow(
      expect.objectContaining({ exitCode: 2 }),
    );
    // A production deploy key: --prod, which Convex ignores for the key's own deployment.
    expect(runTarget([], true, cwd, { CONVEX_DEPLOY_KEY: 'prod:happy-otter-123|eyJ2MiI6ImFiYyJ9' })).toEqual([
      '--prod',
    ]);
  });
});
