// @vitest-environment node
// Self-hosted detection reads the variables as Convex's CLI does: the `--env-file` alone when
// given, else the environment, then .env.local, then .env (dotenv's parse: `export`, quotes); an
// empty value is unset, and both the URL and the admin key are needed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

describe('self-hosted detection reads env files as Convex (dotenv) does', () => {
  it('a blank CONVEX_SELF_HOSTED_URL= before another line is not self-hosted', () => {
    const cwd = tempProject();
    writeFileSync(
      join(cwd, '.env.local'),
      'CONVEX_SELF_HOSTED_URL=\nCONVEX_SELF_HOSTED_ADMIN_KEY=\nCONVEX_DEPLOYMENT=dev:happy-otter-123\n',
    );
    expect(runTarget([], true, cwd, {})).toEqual(['--prod']);
  });

  it('CONVEX_SELF_HOSTED_URL="" is not self-hosted', () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, '.env.local'), 'CONVEX_DEPLOYMENT=dev:happy-otter-123\nCONVEX_SELF_HOSTED_URL=""\n');
    expect(runTarget([], true, cwd, {})).toEqual(['--prod']);
  });

  it('`export CONVEX_SELF_HOSTED_URL=...` is self-hosted', () => {
    const cwd = tempProject();
    writeFileSync(
      join(cwd, '.env.local'),
      'export CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\nexport CONVEX_SELF_HOSTED_ADMIN_KEY=convex-self-hosted|01ab\n',
    );
    expect(runTarget([], true, cwd, {})).toEqual([]);
  });

  it('with --env-file, the environment does not make a cloud deployment self-hosted', () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, '.env.cloud'), 'CONVEX_DEPLOYMENT=dev:happy-otter-123\n');
    const env = { CONVEX_SELF_HOSTED_URL: 'http://127.0.0.1:3210', CONVEX_SELF_HOSTED_ADMIN_KEY: 'k' };
    expect(runTarget(['--env-file', '.env.cloud'], true, cwd, env)).toEqual(['--env-file', '.env.cloud', '--prod']);
  });
});
