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
 * one would pass; infer `R` from the callback and check it against this.
 */
export type OnlyKeys<R, K extends PropertyKey> = { [P in keyof R]: P extends K ? R[P] : never };
