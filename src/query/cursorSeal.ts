/** Bytes of the SHA-256 of the read a sealed cursor carries (128 bits: finding a read of equal digest is a second preimage). */
const READ_DIGEST_BYTES = 16;
/** Bytes of the synthetic IV: AES-GCM's standard nonce size. */
const IV_BYTES = 12;
/** Bytes of AES-GCM's authentication tag. */
const TAG_BYTES = 16;
/** Plaintexts are padded to a multiple of this, so a cursor's length says little about the values inside. */
const PAD_BYTES = 64;
const SPACE = 0x20;

interface SealKeys {
  readonly encrypt: CryptoKey;
  readonly iv: CryptoKey;
}

/** A sealed cursor opened: the text inside, and whether it was sealed for the read that opens it. */
export interface OpenedCursor {
  readonly text: string;
  readonly sameRead: boolean;
}

/**
 * Seals page cursors with `createOrm({ cursorSecret })`: authenticated
 * encryption (AES-256-GCM), so a cursor shows nothing of the index key
 * inside it and cannot be forged or altered. It is bound to its read (a
 * SHA-256 of the read's exact description inside), so no other query takes
 * it, not even one crafted to match the plain cursor's short hash.
 * Convex queries must be
 * deterministic (no `crypto.getRandomValues`), so the IV is synthetic: the
 * first 12 bytes of an HMAC-SHA-256 of the plaintext, under a key of its
 * own. Equal positions then seal to equal cursors, which keeps Convex's
 * query cache working, while two different positions share an IV only by a
 * 96-bit HMAC collision.
 * Only Web Crypto (`crypto.subtle`), as in Convex's default runtime.
 */
export class CursorSeal {
  /** The imported keys, made on first use (no work at `createOrm`) and kept for the ORM's lifetime. */
  private keys: Promise<SealKeys> | undefined;
  /** The last read's digest: a page opens and seals up to four cursors of one read. */
  private lastDigest: { readonly read: string; readonly digest: Promise<string> } | undefined;

  constructor(private readonly secret: string) {}

  /** The sealed form of `text` for `read` (the read's exact description): base64url of IV ‖ ciphertext ‖ tag. */
  async seal(text: string, read: string): Promise<string> {
    const keys = await this.imported();
    const plain = padded(new TextEncoder().encode(`${await this.digestOf(read)}${text}`));
    const mac = await crypto.subtle.sign('HMAC', keys.iv, plain);
    // Copies rather than views into a larger buffer, so no runtime can mistake the buffer for the value.
    const iv = new Uint8Array(mac.slice(0, IV_BYTES));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.encrypt, plain);
    const bytes = new Uint8Array(IV_BYTES + sealed.byteLength);
    bytes.set(iv);
    bytes.set(new Uint8Array(sealed), IV_BYTES);
    return toBase64Url(bytes);
  }

  /**
   * The text `cursor` seals and whether it was sealed for `read`, or
   * `undefined` when it was not sealed with this secret or was altered (the
   * tag does not verify): the caller learns nothing more.
   */
  async open(cursor: string, read: string): Promise<OpenedCursor | undefined> {
    const bytes = sealedBytes(cursor);
    if (bytes === undefined) return undefined;
    const keys = await this.imported();
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES) },
        keys.encrypt,
        bytes.slice(IV_BYTES),
      );
      const opened = new TextDecoder('utf-8', { fatal: true }).decode(plain).trimEnd();
      const digest = await this.digestOf(read);
      return { text: opened.slice(digest.length), sameRead: opened.startsWith(digest) };
    } catch {
      return undefined;
    }
  }

  private digestOf(read: string): Promise<string> {
    if (this.lastDigest?.read !== read) this.lastDigest = { read, digest: readDigest(read) };
    return this.lastDigest.digest;
  }

  private imported(): Promise<SealKeys> {
    this.keys ??= importKeys(this.secret);
    return this.keys;
  }
}

/**
 * True when `cursor` has a sealed cursor's form (base64url of at least an IV and a tag): what
 * {@link CursorSeal.open} checks before it decrypts, for `explain()`, which opens no cursor.
 */
export function hasSealedForm(cursor: string): boolean {
  return sealedBytes(cursor) !== undefined;
}

/** The bytes of `cursor` when it has a sealed cursor's form. */
function sealedBytes(cursor: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = fromBase64Url(cursor);
  return bytes !== undefined && bytes.length >= IV_BYTES + TAG_BYTES ? bytes : undefined;
}

/** Two keys from one secret: SHA-256 of the secret under distinct labels, so neither key tells anything of the other. */
async function importKeys(secret: string): Promise<SealKeys> {
  const [encrypt, iv] = await Promise.all([
    derive(secret, 'convex-orm cursor encryption'),
    derive(secret, 'convex-orm cursor iv'),
  ]);
  return {
    encrypt: await crypto.subtle.importKey('raw', encrypt, 'AES-GCM', false, ['encrypt', 'decrypt']),
    iv: await crypto.subtle.importKey('raw', iv, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  };
}

/** The first {@link READ_DIGEST_BYTES} of the read's SHA-256, base64url (fixed length, no JSON-significant character). */
async function readDigest(read: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(read));
  return toBase64Url(new Uint8Array(digest, 0, READ_DIGEST_BYTES));
}

function derive(secret: string, label: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${label}\u0000${secret}`));
}

/** `bytes` padded with spaces (which JSON ignores) to a multiple of {@link PAD_BYTES}. */
function padded(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.ceil(bytes.length / PAD_BYTES) * PAD_BYTES).fill(SPACE);
  out.set(bytes);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}
