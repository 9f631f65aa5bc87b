// A string literal may hold a raw U+2028 / U+2029 (ES2019), and `\` + CRLF is one line
// continuation: the string goes on past either, so its content, spaces included, is one token and
// counts in the checksum (docs/migrations.md, "Drift": any token counts). The tokenizer before
// ended the string there and read the rest as code, whose spaces do not count; its checksums
// (`legacySourceChecksums`, kept for migrations applied then) still do.
import { describe, expect, it } from 'vitest';
import { legacySourceChecksums, sourceChecksum } from '../../src/migrations/checksum';
import { tokenize } from '../../src/migrations/tokenize';

describe('a string literal holding a line terminator is one token', () => {
  it.each([
    ['a raw U+2028', "const s = 'x\u2028  y';", "const s = 'x\u2028 y';"],
    ['a raw U+2029', "const s = 'x\u2029  y';", "const s = 'x\u2029 y';"],
    ['a CRLF line continuation', "const s = 'abc\\\r\n  def';", "const s = 'abc\\\r\n def';"],
  ])('%s: different strings, different checksums', (_name, a, b) => {
    expect(a).not.toBe(b);
    expect(sourceChecksum(a)).not.toBe(sourceChecksum(b));
  });

  it('keeps the string whole', () => {
    expect(tokenize("const s = 'x\u2028  y';").map((token) => token.text)).toEqual([
      'const',
      's',
      '=',
      '"x\u2028  y"',
      ';',
    ]);
  });

  it('the normalizations before keep their checksums: the string ended there', () => {
    expect(legacySourceChecksums("const s = 'x\u2028  y';")).toEqual(legacySourceChecksums("const s = 'x\u2028 y';"));
  });
});
