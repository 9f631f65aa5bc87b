// A private field named like a restricted word (`this.#return`, `this.#yield`) followed by a line
// break is a property, not the keyword: no `;` is supplied there, so a chain broken over lines
// (`this.#return` + newline + `.map(f)`) keeps the one-line form's checksum, as `s.return` does.
import { expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

it.each([
  [
    'class A { #return = [1]; m() { return this.#return.map((x) => x); } }',
    'class A { #return = [1]; m() { return this.#return\n  .map((x) => x); } }',
  ],
  [
    'class A { #yield = [1]; m() { return this.#yield.map((x) => x); } }',
    'class A { #yield = [1]; m() { return this.#yield\n  .map((x) => x); } }',
  ],
])('%j and %j are one source', (a, b) => {
  expect(sourceChecksum(a)).toBe(sourceChecksum(b));
});
