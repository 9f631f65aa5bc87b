// A file's line endings do not change its checksum, also inside a template literal spanning
// lines and a string with a `\` line continuation: ECMAScript reads a CRLF there as LF (a
// template's TV and TRV; `\` + CRLF is one line continuation, as `\` + LF), so a checkout with
// CRLF (git core.autocrlf on Windows) and one with LF are one program and one checksum
// (docs/migrations.md, Drift: line breaks do not count).
import { describe, expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

describe('line endings do not change a checksum', () => {
  it('a template literal over two lines', () => {
    const lf = 'export const message = `first line\nsecond line`;\n';
    expect(sourceChecksum(lf.replace(/\n/g, '\r\n'))).toBe(sourceChecksum(lf));
  });

  it('a string with a line continuation', () => {
    const lf = "export const message = 'first line \\\nsecond line';\n";
    expect(sourceChecksum(lf.replace(/\n/g, '\r\n'))).toBe(sourceChecksum(lf));
  });

  it('control: a file without either', () => {
    const lf = "export const message = 'one line';\nexport const n = 1;\n";
    expect(sourceChecksum(lf.replace(/\n/g, '\r\n'))).toBe(sourceChecksum(lf));
  });
});
