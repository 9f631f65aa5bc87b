// @vitest-environment node
// Env files are read with dotenv's own parser, as Convex's CLI reads them: `KEY:` or `KEY: ` with no
// value takes none and leaves the next line its own variable.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { runTarget } from '../../../src/cli/deploymentTarget';
import { tempProject } from '../io';

const previewKey = 'preview:acme:shop|eyJ2MiI6ImFiYyJ9';
const branch = { CI: '1', GITHUB_HEAD_REF: 'feature-x' };

describe('a `KEY:` line with no value does not swallow the next line', () => {
  for (const [name, text] of [
    ['empty `KEY:` then a blank line', `SOME_VAR:\n\nCONVEX_DEPLOY_KEY=${previewKey}\n`],
    ['`KEY: ` (trailing blank) then the next line', `SOME_VAR: \nCONVEX_DEPLOY_KEY=${previewKey}\n`],
  ] as const) {
    it(name, () => {
      // What Convex's CLI reads:
      expect(dotenv.parse(text).CONVEX_DEPLOY_KEY).toBe(previewKey);
      const cwd = tempProject();
      writeFileSync(join(cwd, '.env.local'), text);
      expect(runTarget([], true, cwd, branch)).toEqual(['--preview-name', 'feature-x']);
    });
  }
});
