/**
 * A single-quoted TypeScript string literal of `text`, safe for any input: JSON's escapes
 * (backslashes, control characters, line breaks) with `'` escaped instead of `"`.
 */
export function tsString(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** `name` as an object key: bare when it is an identifier, quoted otherwise. */
export function tsKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsString(name);
}
