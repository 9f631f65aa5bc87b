import { describe, expect, it, vi } from 'vitest';
import { CursorSeal } from '../../src/query/cursorSeal';

const SECRET = 'the first test secret, 32 chars+';
const OTHER = 'the other test secret, 32 chars+';
const plain = '["0a1b2c3d",[["victim@x.dev"],[1733200000000.5],["k57abc"]]]';
/** The exact description of the read a cursor is sealed for (cursor.ts `cursorRead`). */
const READ = '["users","by_email","asc","[]",null]';

/** The sealed cursor's bytes, as one character per byte: what an attacker decoding base64url sees. */
function decoded(cursor: string): string {
  return atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
}

describe('CursorSeal: authenticated encryption of page cursors', () => {
  it('seals to base64url that shows nothing of the plaintext, and opens back to it', async () => {
    const seal = new CursorSeal(SECRET);
    const sealed = await seal.seal(plain, READ);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const part of ['victim', 'x.dev', '1733200000000', 'k57abc', '0a1b2c3d']) {
      expect(sealed).not.toContain(part);
      expect(decoded(sealed)).not.toContain(part);
    }
    expect(await seal.open(sealed, READ)).toEqual({ text: plain, sameRead: true });
  });

  it('is deterministic: the same position seals to the same cursor, another position to another', async () => {
    const seal = new CursorSeal(SECRET);
    const again = new CursorSeal(SECRET);
    expect(await again.seal(plain, READ)).toBe(await seal.seal(plain, READ));
    const other = await seal.seal(plain.replace('victim', 'victin'), READ);
    expect(other).not.toBe(await seal.seal(plain, READ));
    // Different IVs too: a synthetic IV differs with the plaintext.
    expect(decoded(other).slice(0, 12)).not.toBe(decoded(await seal.seal(plain, READ)).slice(0, 12));
  });

  it("pads: a cursor's length does not tell the lengths of the values inside (up to 64 bytes)", async () => {
    const seal = new CursorSeal(SECRET);
    const short = await seal.seal('["0a1b2c3d",[["a@x.dev"]]]', READ);
    const long = await seal.seal('["0a1b2c3d",[["a.longer.name@x.dev"]]]', READ);
    expect(short.length).toBe(long.length);
  });

  it('opens nothing altered, sealed with another secret, plain or not base64url', async () => {
    const seal = new CursorSeal(SECRET);
    const sealed = await seal.seal(plain, READ);
    const bytes = decoded(sealed);
    for (let i = 0; i < bytes.length; i += 7) {
      const flipped = bytes.slice(0, i) + String.fromCharCode(bytes.charCodeAt(i) ^ 1) + bytes.slice(i + 1);
      const cursor = btoa(flipped).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      expect(await seal.open(cursor, READ)).toBeUndefined();
    }
    expect(await new CursorSeal(OTHER).open(sealed, READ)).toBeUndefined();
    expect(await seal.open(plain, READ)).toBeUndefined();
    expect(await seal.open(sealed.slice(0, 30), READ)).toBeUndefined();
    expect(await seal.open('', READ)).toBeUndefined();
    expect(await seal.open(`${sealed}=`, READ)).toBeUndefined();
  });

  it('binds a cursor to its read: another read opens it but sees it is not its own', async () => {
    const seal = new CursorSeal(SECRET);
    const sealed = await seal.seal(plain, READ);
    // A read differing in one character of its description (another rule value, another pattern).
    const other = READ.replace('by_email', 'by_emaik');
    expect(await seal.open(sealed, other)).toEqual({ text: plain, sameRead: false });
    expect(await seal.seal(plain, other)).not.toBe(sealed);
  });

  it("hashes a read once for a page's cursors, and a new read anew", async () => {
    const seal = new CursorSeal(SECRET);
    const sealed = await seal.seal(plain, READ); // keys derived (two digests) and the read hashed
    const digest = vi.spyOn(crypto.subtle, 'digest');
    try {
      // A page: its cursor and end cursor opened, its continue and split cursors sealed.
      await seal.open(sealed, READ);
      await seal.open(sealed, READ);
      await seal.seal(plain, READ);
      await seal.seal(plain, READ);
      expect(digest).toHaveBeenCalledTimes(0);
      const other = READ.replace('by_email', 'by_emaik');
      expect(await seal.open(sealed, other)).toEqual({ text: plain, sameRead: false });
      expect(await seal.open(sealed, READ)).toEqual({ text: plain, sameRead: true });
      expect(digest).toHaveBeenCalledTimes(2);
    } finally {
      digest.mockRestore();
    }
  });
});
