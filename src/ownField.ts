/**
 * Sets `object[name]` to `value` as an own, enumerable field, whatever its name: a field named
 * `__proto__` (a JSON.parse'd input, a selection's key) is defined, as an assignment would set
 * the object's prototype instead and the field would be gone.
 */
export function setOwnField(object: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  } else object[name] = value;
}
