const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

/**
 * Compiles a Postgres LIKE pattern (`%` any run, `_` one character, `\`
 * escapes) to an anchored RegExp. Compiled patterns are memoized, bounded.
 */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  const regexp = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, regexp);
  return regexp;
}

/**
 * The literal prefix every match of a LIKE pattern starts with (up to the
 * first wildcard), and whether the pattern is exactly `prefix%`.
 */
export function likePrefix(pattern: string): { prefix: string; exactPrefixPattern: boolean } {
  let prefix = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) prefix += chars[++i]!;
    else if (ch === '%' || ch === '_') {
      const exactPrefixPattern = ch === '%' && i === chars.length - 1;
      return { prefix, exactPrefixPattern };
    } else prefix += ch;
  }
  return { prefix, exactPrefixPattern: false };
}

/** Escapes LIKE wildcards so `value` matches itself literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch;
}
