// `of` is a keyword only where it ends the binding of a `for (… of` header, at the header's own
// bracket depth; elsewhere, in a for header's array, template substitution, destructuring default
// or `for (;;)` test, it is a variable and a `/` after it divides: spacing it is no edit, and a
// regular expression after it on the line is read whole (docs/migrations.md, Drift).
import { describe, expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

describe('a / after the variable of inside a for header divides', () => {
  it.each([
    ['an array', 'for (const x of [of/2, 1]) f(x)'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template literal, checksummed
    ['a template substitution', 'for (const x of `${of/2}`.split(",")) f(x)'],
    ['a destructuring default', 'for (const { a = of/2 } of xs) f(a)'],
    ['a for (;;) test', 'for (let i = 0; i < of/2; i++) f(i)'],
  ])('in %s: spacing is no edit', (_, source) => {
    expect(sourceChecksum(source)).toBe(sourceChecksum(source.replace('of/2', 'of / 2')));
  });

  it('an edit of a regular expression after it changes the checksum', () => {
    const source = 'for (let i = 0; i < of / 2; i++) s = s.replace(/a b/, "")';
    expect(sourceChecksum(source)).not.toBe(sourceChecksum(source.replace('/a b/', '/a  b/')));
  });

  it('control: the keyword of before a regular expression still reads it', () => {
    const source = 'for await (const x of /a b/g.exec(s)) f(x)';
    expect(sourceChecksum(source)).not.toBe(sourceChecksum(source.replace('/a b/', '/a  b/')));
  });
});
