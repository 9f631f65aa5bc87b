// @vitest-environment node
// `KEY:value` and `KEY : value` are no variables to dotenv (Convex's reader), so not to the CLI either.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';
const branch = { CI: '1', GITHUB_HEAD_REF: 'feature-x' };

describe('colon lines dotenv does not read are not read', () => {
  for (const [name, text] of [
    ['`KEY:value` (no blank after the colon)', `CONVEX_DEPLOY_KEY:${previewKey}\n`],
    ['`KEY : value` (blank before the colon)', `CONVEX_DEPLOY_KEY : ${previewKey}\n`],
  ] as const) {
    it(name, () => {
      // What Convex's CLI reads:
      expect(dotenv.parse(text).CONVEX_DEPLOY_KEY).toBeUndefined();
      const cwd = tempProject();
      writeFileSync(join(cwd, '.env.local'), text);
      expect(runTarget([], true, cwd, branch)).toEqual(['--prod']);
    });
  }
});
