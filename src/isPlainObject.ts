/**
 * Whether `value` is a plain object (an object literal, one made by `Object.create(null)`, or an
 * object literal of another realm, such as a Node `vm` context, which Convex takes as one too), not
 * an array, class instance or null. An object whose prototype is another object (its inherited
 * fields would be silently dropped) is not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || isForeignObjectPrototype(proto);
}

/**
 * True for another realm's `Object.prototype`: a root prototype (it has none) whose own
 * `constructor` (read without running a getter) is named `Object` and has it as its `prototype`,
 * holding no field an object made from it would inherit. A prototype made up to pass for one
 * (`Object.create(null)` given such a `constructor` and fields) is not.
 */
function isForeignObjectPrototype(proto: object): boolean {
  if (Object.getPrototypeOf(proto) !== null) return false;
  const made = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  return (
    typeof made === 'function' && made.name === 'Object' && made.prototype === proto && Object.keys(proto).length === 0
  );
}
