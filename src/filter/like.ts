/** One position of a LIKE segment: a literal code point, or `_` (any one code point). */
type SegmentItem = string | typeof ANY_ONE;
const ANY_ONE = null;

/**
 * A compiled LIKE pattern: the runs of literals and `_` between its `%`s.
 * Matching finds each run in turn (the first anchored at the start, the last
 * at the end, the others leftmost), which is exact for `%` and never
 * backtracks: the work is linear in the input for a given pattern.
 */
export interface LikePattern {
  readonly segments: readonly (readonly SegmentItem[])[];
  readonly caseInsensitive: boolean;
}

/**
 * Compiles a Postgres LIKE pattern (`%` any run, `_` one code point, `\`
 * escapes the next character). A pattern ending in the escape never gets here:
 * Postgres raises on it, and so does `likePattern` (operand.ts), which every
 * filter's pattern passes; compiled anyway, the trailing `\` is literal.
 * `caseInsensitive` (ILIKE) folds pattern and value as Postgres does: `lower()` of both.
 */
export function compileLike(pattern: string, caseInsensitive: boolean): LikePattern {
  const chars = codePoints(pattern, caseInsensitive);
  const segments: SegmentItem[][] = [[]];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const current = segments[segments.length - 1]!;
    if (ch === '\\' && i + 1 < chars.length) current.push(chars[++i]!);
    else if (ch === '%') segments.push([]);
    else current.push(ch === '_' ? ANY_ONE : ch);
  }
  return { segments, caseInsensitive };
}

/** True when `value` matches the whole pattern. */
export function matchesLike(pattern: LikePattern, value: string): boolean {
  return matchCodePoints(pattern, codePoints(value, pattern.caseInsensitive));
}

/**
 * The matcher over the value's code points (exported so tests can count the
 * positions it reads).
 */
export function matchCodePoints(pattern: LikePattern, text: ArrayLike<string>): boolean {
  const { segments } = pattern;
  const first = segments[0]!;
  if (segments.length === 1) return text.length === first.length && matchesAt(first, text, 0);
  const last = segments[segments.length - 1]!;
  const end = text.length - last.length;
  if (end < first.length || !matchesAt(first, text, 0) || !matchesAt(last, text, end)) return false;
  let position = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s]!;
    const found = find(segment, text, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** The leftmost start in `[from, to - segment.length]` where `segment` matches, or -1. */
function find(segment: readonly SegmentItem[], text: ArrayLike<string>, from: number, to: number): number {
  for (let start = from; start + segment.length <= to; start++) if (matchesAt(segment, text, start)) return start;
  return -1;
}

function matchesAt(segment: readonly SegmentItem[], text: ArrayLike<string>, start: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const item = segment[i];
    if (item !== ANY_ONE && item !== text[start + i]) return false;
  }
  return true;
}

/**
 * The code points of `value`, lowercased one by one when folding: Postgres
 * `lower()` under a UTF-8 ctype maps each character by Unicode's simple
 * lowercase mapping (`'ΣΑΣ'` -> `'σασ'`, `'İ'` -> `'i'`), where JavaScript's
 * `toLowerCase` of a whole string is contextual (final sigma) and full (`'İ'`
 * -> `'i̇'`).
 */
function codePoints(value: string, fold: boolean): string[] {
  return fold ? Array.from(value, lowerCodePoint) : Array.from(value);
}

function lowerCodePoint(ch: string): string {
  // U+0130 is the one character whose full lowercase mapping is not its simple one.
  return ch === '\u0130' ? 'i' : ch.toLowerCase();
}

/**
 * The literal prefix every match of a LIKE pattern starts with (up to the
 * first wildcard), whether the pattern is exactly `prefix%`, and whether it
 * has no wildcard at all (`whole`: it matches `prefix` alone, an equality).
 */
export function likePrefix(pattern: string): { prefix: string; exactPrefixPattern: boolean; whole: boolean } {
  let prefix = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) prefix += chars[++i]!;
    else if (ch === '%' || ch === '_') {
      const exactPrefixPattern = ch === '%' && i === chars.length - 1;
      return { prefix, exactPrefixPattern, whole: false };
    } else prefix += ch;
  }
  return { prefix, exactPrefixPattern: false, whole: true };
}

/**
 * True when the pattern ends in an escape with nothing to escape (an odd run of trailing `\`s:
 * each pair before it is an escaped `\`), which Postgres refuses: "LIKE pattern must not end with
 * escape character".
 */
export function endsInEscape(pattern: string): boolean {
  let trailing = 0;
  while (pattern[pattern.length - 1 - trailing] === '\\') trailing++;
  return trailing % 2 === 1;
}

/** Escapes LIKE wildcards so `value` matches itself literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
