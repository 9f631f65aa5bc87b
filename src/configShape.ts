import type { OrmError } from './errors.js';
import { hasOwn } from './hasOwn.js';
import { isPlainObject } from './isPlainObject.js';
import { kindOf } from './schema/conforms.js';

/** What one key of a config object takes: said in errors, and tested. */
export interface ConfigKey {
  readonly takes: string;
  readonly required?: boolean;
  holds(value: unknown): boolean;
}

/** A key holding a function (a Convex function builder, a hook). */
export const functionKey = (takes: string, required = true): ConfigKey => ({
  takes,
  required,
  holds(value) {
    return typeof value === 'function';
  },
});

/** The app's ORM, as `createOrm()` returns it (its `db` and `schema` are what the functions use). */
export const ormKey: ConfigKey = {
  takes: 'the ORM createOrm() returns',
  required: true,
  holds(value) {
    const orm = value as { db?: unknown; schema?: unknown } | null;
    return typeof orm === 'object' && orm !== null && typeof orm.db === 'function' && typeof orm.schema === 'object';
  },
};

/** `internal.<module>` of the file exporting the functions (a Convex function-reference tree). */
export const selfKey = (required: boolean): ConfigKey => ({
  takes: 'internal.<module> of the file exporting the functions',
  required,
  holds(value) {
    return typeof value === 'object' && value !== null;
  },
});

/**
 * Checks a config object given to a `define*` helper from plain JavaScript (or through an `as`
 * cast) before anything is built from it: not an object, a key it does not take given a value (a
 * typo would be silently ignored), a required key missing, or a value of the wrong kind throws `fail(message)`
 * saying what it takes, not a TypeError later.
 */
export function checkConfigShape(
  config: unknown,
  what: string,
  keys: Readonly<Record<string, ConfigKey>>,
  fail: (message: string) => OrmError,
): void {
  if (!isPlainObject(config)) throw fail(`expected ${what}; got ${kindOf(config)}`);
  for (const [key, value] of Object.entries(config)) {
    // An `undefined` value is no value, as in the options (`{ ...(flag ? { x } : {}) }` written otherwise).
    if (value !== undefined && !hasOwn(keys, key)) {
      throw fail(`"${key}" is not one of its keys (${Object.keys(keys).join(', ')})`);
    }
  }
  for (const [key, expected] of Object.entries(keys)) {
    const value = config[key];
    if (value === undefined) {
      if (expected.required) throw fail(`"${key}" is required: ${expected.takes}`);
    } else if (!expected.holds(value)) {
      throw fail(`"${key}" takes ${expected.takes}; got ${kindOf(value)}`);
    }
  }
}
