// @vitest-environment node
// Env files are read as dotenv (Convex's reader) reads them: a byte-order mark, `KEY: value` lines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';
const branch = { CI: '1', GITHUB_HEAD_REF: 'feature-x' };

describe('env files read as Convex (dotenv) reads them', () => {
  it('a .env.local starting with a byte order mark: its first variable counts', () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, '.env.local'), `\uFEFFCONVEX_DEPLOY_KEY=${previewKey}\n`);
    expect(runTarget([], true, cwd, branch)).toEqual(['--preview-name', 'feature-x']);
  });

  it('a self-hosted --env-file starting with a byte order mark gets no --prod', () => {
    const cwd = tempProject();
    writeFileSync(
      join(cwd, '.env.selfhosted'),
      '\uFEFFCONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\nCONVEX_SELF_HOSTED_ADMIN_KEY=k\n',
    );
    expect(runTarget(['--env-file', '.env.selfhosted'], true, cwd, {})).toEqual(['--env-file', '.env.selfhosted']);
  });

  it('a `KEY: value` line (dotenv syntax) counts', () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, '.env.local'), `CONVEX_DEPLOY_KEY: ${previewKey}\n`);
    expect(runTarget([], true, cwd, branch)).toEqual(['--preview-name', 'feature-x']);
  });
});
