/**
 * `JSON.stringify(value)` for generated source, in a string, a comment or code: U+2028 and
 * U+2029, which JSON leaves as they are, escaped too, as JavaScript ends a `//` comment there.
 */
export function jsonSource(value: unknown): string {
  return (
    JSON.stringify(value)
      .replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`)
      // A key `"__proto__":` in an object literal sets its prototype (JSON's quotes in strings are escaped, so
      // only a key matches).
      .replace(/([{,])"__proto__":/g, '$1["__proto__"]:')
  );
}

/**
 * A single-quoted TypeScript string literal of `text`, safe for any input: JSON's escapes
 * (backslashes, control characters, line breaks, U+2028 / U+2029) with `'` escaped instead of `"`.
 */
export function tsString(text: string): string {
  return `'${jsonSource(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/**
 * `name` as an object key: bare when it is an identifier, quoted otherwise, and computed for
 * `__proto__` (a plain key of that name in an object literal, quoted or not, sets its prototype).
 */
export function tsKey(name: string): string {
  if (name === '__proto__') return `[${tsString(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsString(name);
}

/**
 * A Convex value as a TypeScript expression (or literal type, for a scalar but NaN and the
 * infinities): `'a'`, `2`, `-0`, `NaN`, `5n`, `[1, 2n]`, `{ tags: [] }`, bytes as
 * `new Uint8Array([1, 2]).buffer`.
 */
export function valueSource(value: unknown): string {
  if (typeof value === 'string') return tsString(value);
  // String(-0) is '0'; NaN, Infinity and -Infinity print as the globals that are their values.
  if (Object.is(value, -0)) return '-0';
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof ArrayBuffer) return `new Uint8Array([${new Uint8Array(value).join(', ')}]).buffer`;
  if (Array.isArray(value)) return `[${value.map(valueSource).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(([key, field]) => `${tsKey(key)}: ${valueSource(field)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  // A number, a boolean or null.
  return String(value);
}
