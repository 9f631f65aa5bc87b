/**
 * Compiles a Postgres LIKE pattern (`%` any run, `_` one character, `\`
 * escapes) to an anchored RegExp.
 */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
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
