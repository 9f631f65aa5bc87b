/**
 * Whether `key` is an own property of `object` (prototype keys such as
 * `constructor` are not). `Object.hasOwn` is ES2022, outside the `ES2021` lib
 * of Convex's default tsconfig, so the library keeps to ES2021 APIs.
 */
export function hasOwn(object: object, key: PropertyKey): boolean {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is the ES2022 API this replaces.
  return Object.prototype.hasOwnProperty.call(object, key);
}
