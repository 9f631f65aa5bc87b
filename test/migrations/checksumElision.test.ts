// A `,` before `]` is dropped by the checksum normalization only as a trailing comma: in `[,]` it
// is an elision (`[,]` has length 1, `[]` length 0), so the two are different sources and an edit
// of an applied migration from one to the other is drift (docs/migrations.md, "Drift": only a
// trailing comma does not count). The normalizations before dropped it: their checksums
// (`legacySourceChecksums`, kept for migrations applied then) still do.
import { expect, it } from 'vitest';
import { legacySourceChecksums, sourceChecksum } from '../../src/migrations/checksum';

it('[,] and [] are different sources', () => {
  expect(new Function('return [,].length')()).toBe(1);
  expect(sourceChecksum('const holes = [,];')).not.toBe(sourceChecksum('const holes = [];'));
});

it('a trailing comma after an elision is still dropped: [a,,] is [a, ,], not [a,]', () => {
  expect(sourceChecksum('x = [a,,]')).toBe(sourceChecksum('x = [a, , ]'));
  expect(sourceChecksum('x = [a,,]')).not.toBe(sourceChecksum('x = [a,]'));
});

it('the normalizations before keep their checksums: the elision dropped', () => {
  expect(legacySourceChecksums('const holes = [,];')).toEqual(legacySourceChecksums('const holes = [];'));
});
