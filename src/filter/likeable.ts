import type { ColumnTypeConfig } from '../schema/column.js';

/**
 * Whether `like` and its kin may filter a column of config `C`, as
 * `likePattern` decides at run time: a column whose stored values include
 * strings (text, textEnum, date, id; json and custom when their type has a
 * string in it, or is `unknown`). Not a timestamp: a string-mode one reads
 * as ISO text but is stored as milliseconds.
 */
export type Likeable<C extends ColumnTypeConfig> = C extends unknown // one answer per column of a union
  ? C['kind'] extends 'text' | 'textEnum' | 'date' | 'id'
    ? true
    : C['kind'] extends 'json' | 'custom'
      ? [Extract<C['data'], string>] extends [never]
        ? unknown extends C['data']
          ? true
          : false
        : true
      : false
  : never;

/** What a column that stores no strings is typed as where `like` and its kin take a column: nothing fits. */
interface StoresNoStrings {
  readonly 'like, ilike, notLike, notIlike, startsWith and endsWith need a column that stores strings': never;
}

/** The column parameter of `like` and its kin: `C` itself when it is {@link Likeable}. */
export type LikeColumn<C extends { readonly _: ColumnTypeConfig }> =
  Likeable<C['_']> extends true ? unknown : StoresNoStrings;
