import { HEADER_WORDS, type SourceToken, tokenize } from './tokenize.js';

/**
 * The source normalization behind migration checksums: the file's tokens, one space apart.
 * What does not count, so that reformatting a file (biome, prettier) is not drift:
 * - whitespace, line breaks, indentation and comments;
 * - the quotes of a string literal (`'it\'s'` and `"it's"` are the same);
 * - a trailing comma before `)`, `]` or `}`;
 * - a `;` that only ends a statement or a member, where a line break would end it too (before
 *   `}`, at the end, or before a token that does not start with `(`, `[`, a template, `+`, `-`
 *   or `/`), so `{ a; b }` on one line and one member per line are the same;
 * - the parentheses of a single-identifier arrow parameter (`(doc) =>` and `doc =>`).
 * What a line break means counts: the `;` it supplies after `return`, `throw`, `break`,
 * `continue` and `yield` and before a postfix `++` / `--` is written out (`return` + line break +
 * `x` returns nothing, unlike `return x`), and the `;` of a `for (…;…;…)` header and of an empty
 * statement (`if (a);`) are always kept. Any other edit counts, including inside template
 * literals and regular expressions, and other parentheses. The CLI hashes each migration file this
 * way and writes the result into the manifest.
 */
export function normalizeSource(source: string): string {
  const tokens = tokenize(source);
  return render(tokens, statementEnds(tokens), false);
}

/** Where the normalized source has a `;`, by token index. */
interface Semicolons {
  /** The written `;` it keeps. */
  kept: ReadonlySet<number>;
  /** The tokens before which goes a `;` a line break supplies. */
  supplied: ReadonlySet<number>;
}

/**
 * The tokens one space apart, without trailing commas and single arrow parameters' parentheses.
 * A `,` after `[`, `(` or another `,` is no trailing comma but an elision (`[,]` holds a hole,
 * `[]` none): kept, unless `legacyCommas` (the normalizations before, which dropped it).
 */
function render(tokens: readonly SourceToken[], semicolons: Semicolons, legacyCommas: boolean): string {
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const elision = !legacyCommas && /^[[(,]$/.test(tokens[i - 1]?.text ?? '');
    if (token.text === ',' && next && /^[)\]}]$/.test(next.text) && !elision) continue;
    if (token.text === ';' && !semicolons.kept.has(i)) continue;
    if (semicolons.supplied.has(i) && kept[kept.length - 1] !== ';') kept.push(';');
    if (token.text === '(' && isArrowParameter(tokens, i)) {
      kept.push(next!.text);
      i += 2;
      continue;
    }
    kept.push(token.text);
  }
  return kept.join(' ');
}

// A line break after these words ends the statement (ECMAScript's restricted productions).
const RESTRICTED = new Set(['return', 'throw', 'break', 'continue', 'yield']);
const LABELLED = new Set(['break', 'continue']);
// Words that start a statement but never an expression (nor a label).
const STATEMENT_ONLY = new Set([
  'break',
  'case',
  'catch',
  'const',
  'continue',
  'default',
  'do',
  'else',
  'finally',
  'for',
  'if',
  'return',
  'switch',
  'throw',
  'try',
  'var',
  'while',
]);
const DO = new Set(['do']);
/** A token that can continue the expression before it even on a new line. */
const CONTINUES = /^[([`+\-/]/;
/** A token that can end an expression, before which a line break + `++` / `--` is a new statement. */
const ENDS_EXPRESSION = /[\p{ID_Continue}$)\]'"`]$/u;

/**
 * True when the word at `index` is a keyword here, not a property name (`x.return`, `{ for: 1 }`,
 * and a private one, `this.#return`, unless `legacy`: the normalizations before took it for one).
 */
const isKeyword = (tokens: readonly SourceToken[], index: number, words: ReadonlySet<string>, legacy: boolean) =>
  words.has(tokens[index]?.text ?? '') &&
  !(legacy ? LEGACY_PROPERTY_MARKS : PROPERTY_MARKS).includes(tokens[index - 1]?.text ?? '') &&
  tokens[index + 1]?.text !== ':';
const PROPERTY_MARKS = ['.', '?.', '#'];
const LEGACY_PROPERTY_MARKS = ['.', '?.'];

/**
 * True when `next` could be the operand of the restricted word before it (`return x`, `break
 * label`), so the `;` between them changes the meaning.
 */
function operandMayFollow(word: string, next: SourceToken | undefined): boolean {
  if (next === undefined || next.text === '}' || STATEMENT_ONLY.has(next.text)) return false;
  return !LABELLED.has(word) || /^[\p{ID_Start}$_\\]/u.test(next.text);
}

/**
 * The semicolons of the normalized source. A written `;` is dropped where it only ends a
 * statement or a member (see `normalizeSource`); unless `}` or the end follows, it is kept inside
 * a `for (…)` header, as an empty statement (after a control header's `)`, `else` or `do`),
 * between a restricted word and what could be its operand, and before a token that could
 * continue the expression. `legacy`: as the normalizations before, a private name (`this.#return`)
 * read as the keyword.
 */
function statementEnds(tokens: readonly SourceToken[], legacy = false): Semicolons {
  const keep = new Set<number>();
  const supplied = new Set<number>();
  // One entry per open bracket: 'for' for a `for (` header, 'control' for another statement header.
  const open: ('for' | 'control' | 'other')[] = [];
  // The bracket depths of the `do` statements whose `while` is still to come.
  const doDepths: number[] = [];
  let closedHeader = false;
  for (let i = 0; i < tokens.length; i++) {
    const { text, newlineBefore } = tokens[i]!;
    const previous = tokens[i - 1];
    const operand =
      isKeyword(tokens, i - 1, RESTRICTED, legacy) &&
      operandMayFollow(previous!.text, tokens[i + (text === ';' ? 1 : 0)]);
    if (text === ';') {
      const next = tokens[i + 1];
      const kept =
        open[open.length - 1] === 'for' ||
        closedHeader ||
        previous?.text === 'else' ||
        previous?.text === 'do' ||
        operand ||
        CONTINUES.test(next?.text ?? '');
      // Before `}` or at the end, no `;` changes the meaning.
      if (kept && next !== undefined && next.text !== '}') keep.add(i);
    } else if (newlineBefore) {
      const postfix = (text === '++' || text === '--') && ENDS_EXPRESSION.test(previous?.text ?? '');
      if (operand || postfix) supplied.add(i);
    }
    closedHeader = false;
    if (text === 'do' && isKeyword(tokens, i, DO, legacy)) doDepths.push(open.length);
    if (text === '(') {
      const word = tokens[i - 1]?.text === 'await' ? i - 2 : i - 1;
      const isDoWhile = tokens[word]?.text === 'while' && doDepths[doDepths.length - 1] === open.length;
      if (isDoWhile) doDepths.pop();
      open.push(
        isKeyword(tokens, word, HEADER_WORDS, legacy) && !isDoWhile
          ? tokens[word]!.text === 'for'
            ? 'for'
            : 'control'
          : 'other',
      );
    } else if (text === '[' || text === '{') {
      open.push('other');
    } else if (text === ')' || text === ']' || text === '}') {
      const kind = open.pop();
      closedHeader = text === ')' && (kind === 'for' || kind === 'control');
    }
  }
  return { kept: keep, supplied };
}

/**
 * The semicolons of the normalization before the `;` a line break supplies was written out: it
 * dropped every `;` before a line break instead.
 */
function droppedBeforeLineBreak(tokens: readonly SourceToken[]): Semicolons {
  const kept = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (tokens[i]!.text !== ';' || next === undefined || next.text === '}') continue;
    if (!next.newlineBefore || CONTINUES.test(next.text)) kept.add(i);
  }
  return { kept, supplied: new Set() };
}

/**
 * The normalizations of earlier versions, whose checksums a deployment may have recorded for
 * applied migrations. Each ended a string at a raw U+2028 / U+2029 or a CRLF line continuation,
 * read a `/` after a keyword-like property name or `of` as a regular expression
 * (`legacyLiterals`) and dropped a `,` before `)`, `]` or `}` also where it is an elision (`[,]`).
 * The last two read every `/` after a `)` or `}` as division too (so a regular expression after an
 * `if (…)` header or a block was split into tokens); the second wrote out the `;` a line break
 * supplies, the third dropped every `;` before a line break. The CLI keeps a manifest checksum of
 * such a form while the file still has it, and the runtime accepts it for a migration given
 * without a checksum, so migrations applied then are not drift.
 */
export const LEGACY_NORMALIZATIONS: readonly ((source: string) => string)[] = [
  (source) => {
    const tokens = tokenize(source, { legacyLiterals: true });
    return render(tokens, statementEnds(tokens, true), true);
  },
  (source) => {
    const tokens = tokenize(source, { legacyDivision: true, legacyLiterals: true });
    return render(tokens, statementEnds(tokens, true), true);
  },
  (source) => {
    const tokens = tokenize(source, { legacyDivision: true, legacyLiterals: true });
    return render(tokens, droppedBeforeLineBreak(tokens), true);
  },
];

/** The checksums `source` had under {@link LEGACY_NORMALIZATIONS}. */
export function legacySourceChecksums(source: string): string[] {
  return LEGACY_NORMALIZATIONS.map((normalize) => hashText(normalize(source)));
}

/** `(` identifier `)` `=>`. */
function isArrowParameter(tokens: readonly SourceToken[], open: number): boolean {
  return (
    /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(tokens[open + 1]?.text ?? '') &&
    tokens[open + 2]?.text === ')' &&
    tokens[open + 3]?.text === '=>'
  );
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits. Pure JS: runs in Convex's runtime and in Node. */
export function hashText(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * What starts every checksum of the current normalization: its version. A checksum without it was
 * written by an earlier version, and only such a one is compared with the earlier normalizations'
 * ({@link LEGACY_NORMALIZATIONS}): an edit that only they cannot see (`[]` to `[,]`) changes the
 * checksum of a file this version checksummed.
 */
export const CHECKSUM_TAG = '04';

/** The checksum of a migration file's source, as written into `manifest.ts`. */
export function sourceChecksum(source: string): string {
  return CHECKSUM_TAG + hashText(normalizeSource(source));
}
