// A private method named like a statement header (`this.#for(k)`, `this?.#if(x)`) is a call, not a
// header: a `/` after its `)` divides, so spacing it keeps the checksum, as for `s.for(k) / 2`.
import { expect, it } from 'vitest';
import { sourceChecksum } from '../../src/migrations/checksum';

it.each([
  [
    'class A { #for(k) { return k; } m(k) { return this.#for(k)/2/k; } }',
    'class A { #for(k) { return k; } m(k) { return this.#for(k) / 2 / k; } }',
  ],
  [
    'class A { #if(k) { return k; } m(k) { return this?.#if(k)/2/k; } }',
    'class A { #if(k) { return k; } m(k) { return this?.#if(k) / 2 / k; } }',
  ],
])('%s and %s are one source', (a, b) => {
  expect(sourceChecksum(a)).toBe(sourceChecksum(b));
});
