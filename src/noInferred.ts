/**
 * `T`, where TypeScript takes no inference candidate from it: a parameter's
 * type can name a type parameter inferred elsewhere (to check it, or to tie
 * it to another). The built-in `NoInfer` needs TypeScript 5.4; these
 * declarations ship to apps on 5.0+, where an unknown `NoInfer` turns into
 * `any` under `skipLibCheck`.
 */
export type NoInferred<T> = [T][T extends unknown ? 0 : never];

/**
 * `R`, values a callback returned, with each key other than `K` typed
 * `never`. TypeScript checks what a callback returns for excess keys only
 * when the key is alone (a weak type), so a misspelled column beside a valid
 * one would pass; infer `R` from the callback and check it against this. A
 * computed key typed as a union (an index signature to TypeScript) names no
 * key to check and passes, as it does in an object given directly.
 */
export type OnlyKeys<R, K extends PropertyKey> = {
  [P in keyof R]: string extends P ? R[P] : P extends K ? R[P] : never;
};

/** Every key of `R`, a union's too (`keyof` of a union has only the keys its members share). */
type KeysOf<R> = R extends unknown ? keyof R : never;

/**
 * Nothing more when `R` has no key other than `K`, else `OnlyKeys<R, K>`. Decided on
 * the keys alone, so that TypeScript decides it for a generic `R` too: in a helper
 * generic over a table, the keys of `R` (`UpdateSet<T>`, a row of `T`) are within
 * `K` for every `T`, where `OnlyKeys`' per-key conditional stays deferred and
 * no value is assignable to it.
 */
export type KnownKeysOnly<R, K extends PropertyKey> = [KeysOf<R>] extends [K] ? unknown : OnlyKeys<R, K>;
