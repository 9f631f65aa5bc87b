import { CONVEX_VALUE_LIMITS } from './convexLimits.js';

/** How an error states the size of a document over Convex's limit: its words, and its `details`. */
export interface OversizedDocument {
  readonly words: string;
  readonly details: { readonly documentBytes?: number; readonly limit: number };
}

/**
 * How a `VALIDATION` error states a document of `documentBytes` over Convex's 1 MiB: exactly, unless
 * not `shown`, when the size would measure a row the caller may not read (under rules, a row a
 * foreign-key action reached, or a bucket such rows key): less what the caller wrote, it would give
 * that row's size to the byte.
 */
export function oversizedDocument(documentBytes: number, shown: boolean): OversizedDocument {
  const limit = CONVEX_VALUE_LIMITS.documentBytes;
  return shown
    ? { words: `as a document of ${documentBytes} bytes, over Convex's ${limit}`, details: { documentBytes, limit } }
    : { words: `as a document over Convex's ${limit} bytes (its size not shown under rules)`, details: { limit } };
}
