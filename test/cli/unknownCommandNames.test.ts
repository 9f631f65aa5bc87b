// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { MigrationTransport } from '../../src/cli/transport';
import { captureIo, tempProject } from './io';

describe('command lookup', () => {
  // COMMANDS and HELP are plain objects: a word naming an Object.prototype member must still be
  // an unknown command (usage error 2), not a TypeError ("command.parse is not a function", exit 1).
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    '`convex-orm %s` is an unknown command (exit 2)',
    async (word) => {
      const calls: unknown[] = [];
      const transport: MigrationTransport = { call: async (name) => calls.push(name) };
      const { io, output } = captureIo(tempProject(), transport);
      expect(await runCli([word], io)).toBe(2);
      expect(output.stderr).toBe(`Unknown command \`${word}\`. See \`convex-orm --help\`.\n`);
      expect(calls).toEqual([]);
    },
  );

  // Named by its words alone: `nope --prod`, `help nope` (which is `nope --help`) and `nope -h` say
  // "Unknown command `nope`", not `nope --prod`, as if the option were part of what was not understood.
  it.each([
    [['nope', '--prod'], 'nope'],
    [['help', 'nope'], 'nope'],
    [['nope', '-h'], 'nope'],
    [['migrate', 'nope'], 'migrate nope'],
  ])('convex-orm %j names the unknown command %s alone', async (argv, name) => {
    const { io, output } = captureIo(tempProject(), { call: async () => null });
    expect(await runCli(argv, io)).toBe(2);
    expect(output.stderr).toBe(`Unknown command \`${name}\`. See \`convex-orm --help\`.\n`);
  });
});
