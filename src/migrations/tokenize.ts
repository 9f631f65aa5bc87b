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
  // One entry per open `(`: true when it opened a statement's header.
  const parens: boolean[] = [];
  // Whether the last token was the `)` of a statement's header or a block's `}`.
  let statementPart = false;
  let i = 0;
  let newline = false;
  const push = (text: string, closesStatementPart = false) => {
    tokens.push({ text, newlineBefore: newline });
    newline = false;
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
      const close = stringClose(source, i);
      push(canonicalString(source.slice(i + 1, close)));
      i = source[close] === char ? close + 1 : close;
    } else if (char === '`' || (char === '}' && braces[braces.length - 1] === 'template')) {
      if (char === '}') braces.pop();
      const end = templateEnd(source, i + 1);
      if (source.endsWith('${', end)) braces.push('template');
      push(source.slice(i, end));
      i = end;
    } else if (char === '/' && (statementPart || regexAllowed(tokens[tokens.length - 1]?.text))) {
      const end = regexEnd(source, i + 1);
      push(source.slice(i, end));
      i = end;
    } else {
      const text = sticky(NUMBER) ?? sticky(WORD) ?? sticky(PUNCTUATOR)!;
      const previous = tokens[tokens.length - 1]?.text;
      if (text === '{') braces.push(previous === undefined || BEFORE_BLOCK.has(previous) ? 'block' : 'object');
      if (text === '(') parens.push(opensHeader(tokens));
      push(text, (text === '}' && braces.pop() === 'block') || (text === ')' && parens.pop() === true));
      i += text.length;
    }
  }
  return tokens;
}

/** Whether a `(` after `tokens` opens a statement's header: `if (`, `for await (`, not `x.if(`. */
function opensHeader(tokens: readonly SourceToken[]): boolean {
  const word = tokens[tokens.length - 1]?.text === 'await' ? tokens.length - 2 : tokens.length - 1;
  const before = tokens[word - 1]?.text;
  return HEADER_WORDS.has(tokens[word]?.text ?? '') && before !== '.' && before !== '?.';
}

/** Whether a `/` after `previous` (not a header's `)` nor a block's `}`) starts a regular expression. */
function regexAllowed(previous: string | undefined): boolean {
  if (previous === undefined) return true;
  if (/^[\p{ID_Continue}$\\]/u.test(previous)) return BEFORE_EXPRESSION.has(previous);
  // After a literal, another closing bracket or a postfix `++` / `--` an expression has ended: `/` divides.
  return !/^["'`\d.]|[)\]}`]$|^(?:\+\+|--)$/.test(previous);
}

/** The index of a string literal's closing quote (or of its line's end if unterminated). */
function stringClose(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote && !LINE_BREAK.test(source[i]!)) i += source[i] === '\\' ? 2 : 1;
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
