import { type SourceToken, tokenize } from './tokenize.js';

/**
 * The source normalization behind migration checksums: the file's tokens, one space apart.
 * What does not count, so that reformatting a file (biome, prettier) is not drift:
 * - whitespace, line breaks, indentation and comments;
 * - the quotes of a string literal (`'it\'s'` and `"it's"` are the same);
 * - a trailing comma before `)`, `]` or `}`;
 * - a `;` that automatic semicolon insertion would supply (before `}`, at the end, or before
 *   a line that does not start with `(`, `[`, a template, `+`, `-` or `/`);
 * - the parentheses of a single-identifier arrow parameter (`(doc) =>` and `doc =>`).
 * Any other edit counts, including inside template literals and regular expressions, and other
 * parentheses. The CLI hashes each migration file this way and writes the result into the manifest.
 */
export function normalizeSource(source: string): string {
  const tokens = tokenize(source);
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (token.text === ',' && next && /^[)\]}]$/.test(next.text)) continue;
    if (token.text === ';' && insertedAutomatically(next)) continue;
    if (token.text === '(' && isArrowParameter(tokens, i)) {
      kept.push(next!.text);
      i += 2;
      continue;
    }
    kept.push(token.text);
  }
  return kept.join(' ');
}

function insertedAutomatically(next: SourceToken | undefined): boolean {
  if (next === undefined || next.text === '}') return true;
  return next.newlineBefore && !/^[([`+\-/]/.test(next.text);
}

/** `(` identifier `)` `=>`. */
function isArrowParameter(tokens: readonly SourceToken[], open: number): boolean {
  return (
    /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(tokens[open + 1]?.text ?? '') &&
    tokens[open + 2]?.text === ')' &&
    tokens[open + 3]?.text === '=>'
  );
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
