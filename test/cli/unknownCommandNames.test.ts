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
});
