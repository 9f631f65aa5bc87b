// @vitest-environment node
// The convex run transport (src/cli/transport.ts) spawns `npx convex run <module>:<name> '<json>'`,
// and npx (npm 7 and later) runs the bin through `sh -c '<the command, shell-quoted>'`: the whole
// quoted command (each `'` in the JSON becoming `'\''`) must fit in one 128 KiB argument. A call
// whose quoted command would not is refused with ArgumentsTooLong before spawning; one that fits
// runs. Checked with the real npx on a project whose `convex` bin prints null (no network).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentsTooLong, convexRunTransport } from '../../src/cli/transport';

/** A project whose `convex` bin prints `null` (what `convex run` prints for a function returning null). */
function fakeConvexProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'npx-limit-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  const bin = join(dir, 'node_modules', '.bin', 'convex');
  writeFileSync(bin, '#!/bin/sh\necho null\n');
  chmodSync(bin, 0o755);
  return dir;
}

describe('convex run through npx: the quoted command line is what must fit', () => {
  for (const [label, args, expected] of [
    ['130,000 bytes of plain JSON runs', { table: 't', documentType: 'a'.repeat(130_000) }, { ran: null }],
    ['131,060 bytes of plain JSON is refused', { table: 't', documentType: 'a'.repeat(131_030) }, { refused: true }],
    [
      '100 KiB of JSON with 12,000 apostrophes is refused',
      { table: 't', documentType: "d'x".repeat(12_000) + 'a'.repeat(64_000) },
      { refused: true },
    ],
  ] as const) {
    it(`${label}, not a failed npx`, async () => {
      expect(Buffer.byteLength(JSON.stringify(args))).toBeLessThanOrEqual(131_071);
      const transport = convexRunTransport({ module: 'migrations', prod: false, cwd: fakeConvexProject() });
      const outcome = await transport.call('check', args).then(
        (value: unknown) => ({ ran: value }),
        (error: Error) =>
          error instanceof ArgumentsTooLong ? { refused: true } : { failed: error.message.slice(0, 60) },
      );
      expect(outcome).toEqual(expected);
    });
  }
});
