// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

// 8caa6fe: "a file that is not an object is one too" (a usage error, exit 2). A convex-orm.json
// holding `null` (or `false`, `0`, `""`) is no object either, yet it is read as the empty file:
// `readJson` (src/cli/config.ts) turns a nullish parse into `{}` (`readJsonFile(path) ?? {}`), so
// `null` slips past the object check (`false` and `0` are refused) and the defaults apply without a word.
describe('convex-orm.json that is not an object of settings', () => {
  it('null is a usage error (exit 2), as ["migrationsDir"] and false are', async () => {
    const content = null;
    const calls: unknown[] = [];
    const transport: MigrationTransport = {
      call: async (name) => {
        calls.push(name);
        return { migrations: [], activeRun: null };
      },
    };
    const { io, output } = captureIo(tempProject(content as never), transport);
    expect(await runCli(['migrate', 'status'], io)).toBe(2);
    expect(output.stderr).toBe(
      `convex-orm.json: the file must be an object of settings, got ${JSON.stringify(content)}.\n`,
    );
    expect(calls).toEqual([]);
  });
});
