// Convex's JSON encoding of values (`convexToJson` / `jsonToConvex`), for the few values the CLI
// writes into snapshots and source. Kept here so the bundled CLI imports nothing from `convex`
// at run time (it runs before the app's dependencies are known to resolve from it).

/** Whether Convex's JSON holds a float64 as `{ $float }`: JSON has no -0, NaN or infinities. */
const isSpecialFloat = (value: number) => !Number.isFinite(value) || Object.is(value, -0);

/**
 * A Convex value as JSON: an int64 is `{ $integer: <base64 little-endian> }`, a float64 JSON has
 * no number for `{ $float: <base64 little-endian> }`, bytes `{ $bytes }`.
 */
export function toConvexJson(value: unknown): unknown {
  if (typeof value === 'number' && isSpecialFloat(value)) {
    const buffer = Buffer.alloc(8);
    buffer.writeDoubleLE(value);
    return { $float: buffer.toString('base64') };
  }
  if (typeof value === 'bigint') {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value);
    return { $integer: buffer.toString('base64') };
  }
  if (value instanceof ArrayBuffer) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toConvexJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toConvexJson(field)]));
  }
  return value;
}

/**
 * A Convex value from its JSON (`toConvexJson`'s inverse): `{ $integer }` a bigint, `{ $float }`
 * a number (-0, NaN, an infinity), `{ $bytes }` an ArrayBuffer.
 */
export function fromConvexJson(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(fromConvexJson);
  if (typeof json !== 'object' || json === null) return json;
  if ('$integer' in json) return Buffer.from(String(json.$integer), 'base64').readBigInt64LE(0);
  if ('$float' in json) return Buffer.from(String(json.$float), 'base64').readDoubleLE(0);
  if ('$bytes' in json) return new Uint8Array(Buffer.from(String(json.$bytes), 'base64')).buffer;
  return Object.fromEntries(Object.entries(json).map(([key, field]) => [key, fromConvexJson(field)]));
}
