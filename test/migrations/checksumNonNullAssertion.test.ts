// A `/` after TypeScript's non-null assertion (`doc.total! / 2`) divides, as after any complete
// expression: spacing it is no edit, and a regular expression later on the line is read whole, so
// an edit of it changes the checksum (docs/migrations.md, Drift). A `!` after a header's `)` or a
// block's `}`, or on a new line, is the prefix operator: a `/` after it begins a regular expression.
import { describe, expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

describe('a / after a non-null assertion divides', () => {
  it('spacing around it is no edit', () => {
    expect(sourceChecksum('const half = doc.total!/2;\nconst re = /x/g;')).toBe(
      sourceChecksum('const half = doc.total! / 2;\nconst re = /x/g;'),
    );
  });

  it('an edit of a regular expression later on the line changes the checksum', () => {
    expect(sourceChecksum('const half = doc.total! / 2; const re = /a b/;')).not.toBe(
      sourceChecksum('const half = doc.total! / 2; const re = /a  b/;'),
    );
  });

  it.each([
    ['after an if header', 'if (ok) !/a b/.test(s) && f()'],
    ['after a block', '{ f() }\n!/a b/.test(s) && g()'],
    ['on a new line', 'const x = y\n!/a b/.test(s) && g()'],
    ['after return', 'return !/a b/.test(s)'],
  ])('a prefix ! %s: a / after it begins a regular expression', (_, source) => {
    expect(sourceChecksum(source)).not.toBe(sourceChecksum(source.replace('/a b/', '/a  b/')));
  });
});
