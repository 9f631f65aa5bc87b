/** A token of TypeScript / JavaScript source: its text and whether a line break came before it. */
export interface SourceToken {
  text: string;
  newlineBefore: boolean;
}

// After these words an expression starts, so a `/` begins a regular expression.
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);
/** Words that declare the binding of a `for (… of` header: `of` after them is the bound name. */
const DECLARATIONS = new Set(['const', 'let', 'var', 'using']);
/** `(` after these words opens a statement's header; after its `)` the statement's body starts. */
export const HEADER_WORDS: ReadonlySet<string> = new Set(['if', 'while', 'with', 'for']);
// After these a `{` opens a block: a statement's, or a function's body (dividing a function
// expression makes no sense), not an object literal.
const BEFORE_BLOCK = new Set([';', '{', '}', ')', '=>', 'else', 'do', 'try', 'finally']);
const WORD = /[\p{ID_Start}$_\\](?:[\p{ID_Continue}$\\]|\u200c|\u200d)*/uy;
const NUMBER = /(?:0[xXbBoO][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?/y;
const PUNCTUATOR =
  /(?:>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.(?!\d)|\+\+|--|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|\*\*|<<|>>|[\s\S])/y;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /**
   * Read every `/` after a `)` or `}` as division, as convex-orm did before it told a statement
   * header's `)` and a block's `}` apart: for the checksums of migrations applied then.
   */
  legacyDivision?: boolean;
  /**
   * Read literals and a `/` after a keyword or a `!` as convex-orm did before it followed
   * ECMAScript and TypeScript there: a string ended at a raw U+2028 / U+2029 and at the LF of a
   * `\` + CRLF line continuation, a CRLF inside a string or template literal was kept (not read as
   * the LF it is), and a `/` after `return`, `in`, `of`, `new`... began a regular expression also
   * where the word is a property name (`stats.return / 2`) or the variable `of`, and after a
   * non-null assertion (`total! / 2`), and a private name (`this.#in`, `this.#for(`) as the
   * keyword: for the checksums of migrations applied then.
   */
  legacyLiterals?: boolean;
}

/** What a `{` opened: a template literal's `${`, a block, or an object literal (or a class body). */
type Brace = 'template' | 'block' | 'object';

/**
 * Splits source into tokens without trivia: whitespace, line breaks and comments are dropped
 * (a line break is remembered on the next token). Strings, template literals (with nested
 * `${}`), regular expressions and numbers are single tokens; a `/` is a regular expression
 * where an expression may start (after an operator, `(`, `,`, a keyword such as `return`, the
 * `)` of an `if` / `for` / `while` / `with` header, a block's `}`), else division. Never
 * throws: unterminated literals run to the end of their line or the input.
 */
export function tokenize(source: string, options: TokenizeOptions = {}): SourceToken[] {
  const tokens: SourceToken[] = [];
  const braces: Brace[] = [];
  // One entry per open bracket (`(`, `[`, `{`, a template's `${`): for a `(` that opened a
  // statement's header, the statement's word (`for`), else null. Under `legacyLiterals`, as the
  // tokenizer of those checksums kept it: one per `(` only.
  const openers: (string | null)[] = [];
  const legacyLiterals = options.legacyLiterals === true;
  const everyBracket = !legacyLiterals;
  // Whether the last token was the `)` of a statement's header or a block's `}`, and whether the
  // one before it was (a `!` after one is the prefix operator).
  let statementPart = false;
  let afterStatementPart = false;
  let i = 0;
  let newline = false;
  const push = (text: string, closesStatementPart = false) => {
    tokens.push({ text, newlineBefore: newline });
    newline = false;
    afterStatementPart = statementPart;
    statementPart = closesStatementPart && options.legacyDivision !== true;
  };
  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = i;
    return pattern.exec(source)?.[0];
  };
  while (i < source.length) {
    const char = source[i]!;
    const next = source[i + 1];
    if (/\s/.test(char)) {
      if (LINE_BREAK.test(char)) newline = true;
      i += 1;
    } else if (char === '/' && next === '/') {
      while (i < source.length && !LINE_BREAK.test(source[i]!)) i += 1;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      if (LINE_BREAK.test(source.slice(i, stop))) newline = true;
      i = stop;
    } else if (char === '"' || char === "'") {
      const close = stringClose(source, i, legacyLiterals);
      const body = source.slice(i + 1, close);
      push(canonicalString(legacyLiterals ? body : lineFeeds(body)));
      i = source[close] === char ? close + 1 : close;
    } else if (char === '`' || (char === '}' && braces[braces.length - 1] === 'template')) {
      if (char === '}') {
        braces.pop();
        if (everyBracket) openers.pop();
      }
      const end = templateEnd(source, i + 1);
      if (source.endsWith('${', end)) {
        braces.push('template');
        if (everyBracket) openers.push(null);
      }
      const text = source.slice(i, end);
      push(legacyLiterals ? text : lineFeeds(text));
      i = end;
    } else if (char === '/' && (statementPart || regexAllowed(tokens, openers, afterStatementPart, legacyLiterals))) {
      const end = regexEnd(source, i + 1);
      push(source.slice(i, end));
      i = end;
    } else {
      const text = sticky(NUMBER) ?? sticky(WORD) ?? sticky(PUNCTUATOR)!;
      const previous = tokens[tokens.length - 1]?.text;
      if (text === '{') braces.push(previous === undefined || BEFORE_BLOCK.has(previous) ? 'block' : 'object');
      if (text === '(') openers.push(opensHeader(tokens, legacyLiterals));
      else if (everyBracket && (text === '[' || text === '{')) openers.push(null);
      const closes = text === ')' || (everyBracket && (text === ']' || text === '}')) ? openers.pop() : undefined;
      push(text, (text === '}' && braces.pop() === 'block') || (text === ')' && (closes ?? null) !== null));
      i += text.length;
    }
  }
  return tokens;
}

/**
 * The statement whose header a `(` after `tokens` opens: `if (`, `for await (`; null for `x.if(` and
 * any other (`this.#for(` too, unless `legacy`: {@link TokenizeOptions.legacyLiterals}).
 */
function opensHeader(tokens: readonly SourceToken[], legacy: boolean): string | null {
  const word = tokens[tokens.length - 1]?.text === 'await' ? tokens.length - 2 : tokens.length - 1;
  const before = tokens[word - 1]?.text;
  const text = tokens[word]?.text ?? '';
  // Not a method (`x.if(`, `this.#for(`: `#` is a token of its own).
  const method = before === '.' || before === '?.' || (!legacy && before === '#');
  return HEADER_WORDS.has(text) && !method ? text : null;
}

/**
 * Whether a `/` after `tokens` (not after a header's `)` nor a block's `}`) starts a regular
 * expression; `openers` are the open brackets and `afterStatementPart` whether the token before the
 * last closed a header or a block ({@link tokenize}).
 */
function regexAllowed(
  tokens: readonly SourceToken[],
  openers: readonly (string | null)[],
  afterStatementPart: boolean,
  legacy: boolean,
): boolean {
  const at = tokens.length - 1;
  const previous = tokens[at]?.text;
  if (previous === undefined) return true;
  if (/^[\p{ID_Continue}$\\]/u.test(previous)) return isKeywordAt(tokens, at, openers, legacy);
  // TypeScript's non-null assertion (`total! / 2`) ends an expression, as a postfix `++` does.
  if (previous === '!' && !legacy && !afterStatementPart && !tokens[at]!.newlineBefore) {
    return !endsExpressionAt(tokens, at - 1, openers);
  }
  // After a literal, another closing bracket or a postfix `++` / `--` an expression has ended: `/` divides.
  return !/^["'`\d.]|[)\]}`]$|^(?:\+\+|--)$/.test(previous);
}

/** Whether the token at `at` ends an expression (a word that is no keyword there, a literal, a closing bracket). */
function endsExpressionAt(tokens: readonly SourceToken[], at: number, openers: readonly (string | null)[]): boolean {
  const text = tokens[at]?.text;
  if (text === undefined) return false;
  if (/^[\p{ID_Continue}$\\]/u.test(text)) return !isKeywordAt(tokens, at, openers, false);
  return /^["'`\d]|[)\]}`]$/.test(text);
}

/**
 * Whether the word at `at` is a keyword after which an expression starts: not a property name
 * (`stats.return / 2`), and `of`, no reserved word, only where it ends a `for (… of` binding, at
 * the header's own depth (`of / 2` elsewhere divides the variable `of`); under `legacy`, each of
 * {@link BEFORE_EXPRESSION} wherever it stands.
 */
function isKeywordAt(
  tokens: readonly SourceToken[],
  at: number,
  openers: readonly (string | null)[],
  legacy: boolean,
): boolean {
  const word = tokens[at]!.text;
  if (!BEFORE_EXPRESSION.has(word)) return false;
  if (legacy) return true;
  const before = tokens[at - 1]?.text ?? '';
  // A property name (`x.return`), a private one too (`this.#in`: `#` is a token of its own).
  if (before === '.' || before === '?.' || before === '#') return false;
  if (word !== 'of') return true;
  return openers[openers.length - 1] === 'for' && (/[\]}]$/.test(before) || isBinding(before));
}

/** A name a `for (… of` header binds (`x` in `for (const x of`), not a keyword before `of`. */
function isBinding(word: string): boolean {
  return (
    /^[\p{ID_Start}$_\\]/u.test(word) &&
    !BEFORE_EXPRESSION.has(word) &&
    !HEADER_WORDS.has(word) &&
    !DECLARATIONS.has(word)
  );
}

/** A string or template literal's text with each CRLF or lone CR as the LF it reads as (ECMAScript's TV and TRV). */
function lineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The index of a string literal's closing quote (or of its line's end if unterminated). A string
 * may hold a raw U+2028 / U+2029 (ES2019), and `\` + CRLF is one line continuation; `legacy` ended
 * it at either ({@link TokenizeOptions.legacyLiterals}).
 */
function stringClose(source: string, start: number, legacy: boolean): number {
  const quote = source[start];
  const ends = legacy ? LINE_BREAK : /[\n\r]/;
  let i = start + 1;
  while (i < source.length && source[i] !== quote && !ends.test(source[i]!)) {
    if (source[i] !== '\\') i += 1;
    else i += !legacy && source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
  }
  return Math.min(i, source.length);
}

/** The index after a template chunk: after its closing backtick, or after the `${` that interrupts it. */
function templateEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === '`') return i + 1;
    else if (source[i] === '$' && source[i + 1] === '{') return i + 2;
    else i += 1;
  }
  return source.length;
}

/** The index after a regular expression literal's flags. */
function regexEnd(source: string, start: number): number {
  let i = start;
  let inClass = false;
  while (i < source.length && !LINE_BREAK.test(source[i]!)) {
    const char = source[i]!;
    if (char === '\\') i += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
    i += 1;
  }
  i += 1;
  while (i < source.length && /[a-z]/.test(source[i]!)) i += 1;
  return Math.min(i, source.length);
}

/** A quoted string's body, written with double quotes (`'it\'s'` and `"it's"` are one token). */
function canonicalString(body: string): string {
  let text = '"';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char === '\\' && (body[i + 1] === "'" || body[i + 1] === '"')) {
      text += body[i + 1] === '"' ? '\\"' : "'";
      i += 1;
    } else if (char === '\\') {
      text += char + (body[i + 1] ?? '');
      i += 1;
    } else {
      text += char === '"' ? '\\"' : char;
    }
  }
  return `${text}"`;
}
