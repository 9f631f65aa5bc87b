// A `/` after a private property named like a keyword (`this.#in / 2`, `this.#return`) divides, as
// after `stats.return`: spacing it, as a formatter does, keeps the checksum (docs/migrations.md,
// Drift). The tokenizer reads `#` as a token of its own; a word after it is a private name, never
// a keyword.
import { expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

it.each([
  ['class A { #in = 4; m(k) { return this.#in/2/k; } }', 'class A { #in = 4; m(k) { return this.#in / 2 / k; } }'],
  [
    'class A { #return = 4; m(k) { return this.#return/2/k; } }',
    'class A { #return = 4; m(k) { return this.#return / 2 / k; } }',
  ],
  [
    'class A { #new = 4; m(k) { return this?.#new/2/k; } }',
    'class A { #new = 4; m(k) { return this?.#new / 2 / k; } }',
  ],
])('%s and %s are one source', (a, b) => {
  expect(sourceChecksum(a)).toBe(sourceChecksum(b));
});
