// A `/` after a word that is a keyword elsewhere (`return`, `in`, `of`) divides where the word is
// a property name (`stats.return / 2`) or the identifier `of` (no reserved word; a keyword only in
// a `for (…)` header), so spacing the operator, as a formatter does, keeps the checksum
// (docs/migrations.md, "Drift": what a formatter changes does not count). The normalizations
// before read it as a regular expression, whose spaces count: their checksums
// (`legacySourceChecksums`, kept for migrations applied then) still do.
import { expect, it } from 'vitest';
import { CHECKSUM_TAG, hashText, legacySourceChecksums, sourceChecksum } from '../../src/migrations/checksum';

it.each([
  ['const mean = stats.return/2/n;', 'const mean = stats.return / 2 / n;'],
  ['const half = totals.in/2/k;', 'const half = totals.in / 2 / k;'],
  ['const of = 4; const q = of/2/x;', 'const of = 4; const q = of / 2 / x;'],
])('%s and %s are one source', (a, b) => {
  expect(sourceChecksum(a)).toBe(sourceChecksum(b));
});

it('a `/` after `of` in a for header still begins a regular expression', () => {
  expect(sourceChecksum('for (const m of /a b/.exec(s)) f(m)')).not.toBe(
    sourceChecksum('for (const m of /a  b/.exec(s)) f(m)'),
  );
});

it('the normalizations before keep their checksums: a regular expression there', () => {
  const source = 'const mean = stats.return/2/n;';
  expect(sourceChecksum(source)).toBe(`${CHECKSUM_TAG}${hashText('const mean = stats . return / 2 / n')}`);
  expect(legacySourceChecksums(source)[0]).toBe(hashText('const mean = stats . return /2/n'));
});
