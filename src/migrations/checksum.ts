/**
 * The source normalization behind migration checksums: line endings, trailing whitespace,
 * indentation and blank lines do not count, so reformatting a file is not drift; any other
 * edit is. The CLI hashes each migration file this way and writes the result into the manifest.
 */
export function normalizeSource(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits. Pure JS: runs in Convex's runtime and in Node. */
export function hashText(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** The checksum of a migration file's source, as written into `manifest.ts`. */
export function sourceChecksum(source: string): string {
  return hashText(normalizeSource(source));
}
