// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempProject } from './io';

/** Runs `migrate manifest` in a project whose convex.json holds `convexJson`. */
async function manifestWith(convexJson: unknown) {
  const cwd = tempProject();
  writeFileSync(join(cwd, 'convex.json'), JSON.stringify(convexJson));
  const { io, output } = captureIo(cwd, { call: async () => null });
  return { cwd, code: await runCli(['migrate', 'manifest'], io), ...output };
}

// convex.json's `functions` is where `convex dev` finds the app's functions, and the CLI reads and
// writes there (the schema, the migrations directory). A value that is no path, or a path out of
// the project, was used as it was: `3` became the directory "3", `""` the project itself, and
// "../other" wrote another project's migrations.
describe("convex.json's functions: a usage error naming the file and the field", () => {
  it.each([
    [3, 'convex.json: functions must be a string (the functions directory, inside the project), got 3.'],
    [null, 'convex.json: functions must be a string (the functions directory, inside the project), got null.'],
    [
      ['convex'],
      'convex.json: functions must be a string (the functions directory, inside the project), got ["convex"].',
    ],
    ['', 'convex.json: functions must be a directory inside the project, not the project itself, got "".'],
    ['../other/convex', 'convex.json: functions must be a directory inside the project, got "../other/convex".'],
    ['convex/../../other', 'convex.json: functions must be a directory inside the project, got "convex/../../other".'],
  ])('functions: %j', async (functions, message) => {
    const result = await manifestWith({ functions });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: `${message}\n` });
  });

  it('a convex.json that is not an object is a usage error too', async () => {
    const result = await manifestWith(['convex']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr: 'convex.json: the file must be an object of settings, got ["convex"].\n',
    });
  });

  // Convex joins `functions` onto the project directory (path.join): "/src/convex" is <project>/src/convex.
  it('a path inside the project is used, a trailing slash, ./ or a leading / or not, as Convex reads it', async () => {
    for (const functions of ['src/convex/', './src/convex', 'src/convex', '/src/convex']) {
      const cwd = tempProject();
      mkdirSync(join(cwd, 'src/convex'), { recursive: true });
      writeFileSync(join(cwd, 'convex.json'), JSON.stringify({ functions }));
      const { io, output } = captureIo(cwd, { call: async () => null });
      expect({ code: await runCli(['migrate', 'manifest'], io), stderr: output.stderr }).toEqual({
        code: 0,
        stderr: '',
      });
      expect(output.stdout).toBe('Wrote src/convex/migrations/manifest.ts (0 migrations).\n');
    }
  });
});
