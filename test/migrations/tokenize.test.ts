import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/migrations/tokenize';

const texts = (source: string) => tokenize(source).map((token) => token.text);

describe('tokenize', () => {
  it('drops whitespace and comments, remembering line breaks', () => {
    const tokens = tokenize('a  /* x\n */ b // c\n\tc /* d */ d');
    expect(tokens).toEqual([
      { text: 'a', newlineBefore: false },
      { text: 'b', newlineBefore: true },
      { text: 'c', newlineBefore: true },
      { text: 'd', newlineBefore: false },
    ]);
  });

  it('keeps a string whole, comment-like text included, with double quotes', () => {
    expect(texts(`x('a // b', "/* c */", 'it\\'s', "say \\"hi\\"", 'q"q', '\\n')`)).toEqual([
      'x',
      '(',
      '"a // b"',
      ',',
      '"/* c */"',
      ',',
      `"it's"`,
      ',',
      '"say \\"hi\\""',
      ',',
      '"q\\"q"',
      ',',
      '"\\n"',
      ')',
    ]);
  });

  it('keeps template literals verbatim, split around their substitutions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template source under test
    expect(texts('`a  ${ b ? { c: `d${e}` } : "}" }  f` + g')).toEqual([
      '`a  ${',
      'b',
      '?',
      '{',
      'c',
      ':',
      '`d${',
      'e',
      '}`',
      '}',
      ':',
      '"}"',
      '}  f`',
      '+',
      'g',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template source under test
    expect(texts('`x // not a comment ${1}`')).toEqual(['`x // not a comment ${', '1', '}`']);
  });

  it('tells a regular expression from a division by what came before', () => {
    expect(texts('a / b / c')).toEqual(['a', '/', 'b', '/', 'c']);
    expect(texts('(a) / 2; [1] / 2; a++ / 2; 4 / 2; "s" / 1')).toEqual([
      ...['(', 'a', ')', '/', '2', ';'],
      ...['[', '1', ']', '/', '2', ';'],
      ...['a', '++', '/', '2', ';'],
      ...['4', '/', '2', ';'],
      ...['"s"', '/', '1'],
    ]);
    expect(texts('x = /ab+c/gi.test(s); return /\'[/]\\//; f(/"/, a)')).toEqual([
      ...['x', '=', '/ab+c/gi', '.', 'test', '(', 's', ')', ';'],
      ...['return', "/'[/]\\//", ';'],
      ...['f', '(', '/"/', ',', 'a', ')'],
    ]);
  });

  it("reads a regular expression after a statement header's `)` or a block's `}`, division after other ones", () => {
    expect(texts('if (a) / +x/.test(s); while (b) /y/g; for await (c of d) /z/;')).toEqual([
      ...['if', '(', 'a', ')', '/ +x/', '.', 'test', '(', 's', ')', ';'],
      ...['while', '(', 'b', ')', '/y/g', ';'],
      ...['for', 'await', '(', 'c', 'of', 'd', ')', '/z/', ';'],
    ]);
    expect(texts('{ a; }\n/ +x/.test(s); f = () => {}\n/y/; if (a) {} else {} /z/')).toEqual([
      ...['{', 'a', ';', '}', '/ +x/', '.', 'test', '(', 's', ')', ';'],
      ...['f', '=', '(', ')', '=>', '{', '}', '/y/', ';'],
      ...['if', '(', 'a', ')', '{', '}', 'else', '{', '}', '/z/'],
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template source under test
    expect(texts('f(a) / 2; x.if(a) / 2; if ((a) / 2) b; y = { a: 1 } / 2; `${a}` / 2')).toEqual([
      ...['f', '(', 'a', ')', '/', '2', ';'],
      ...['x', '.', 'if', '(', 'a', ')', '/', '2', ';'],
      ...['if', '(', '(', 'a', ')', '/', '2', ')', 'b', ';'],
      ...['y', '=', '{', 'a', ':', '1', '}', '/', '2', ';'],
      ...['`${', 'a', '}`', '/', '2'],
    ]);
  });

  it('reads numbers, identifiers and multi-character operators as one token', () => {
    expect(texts('a?.b ?? 0x1F_n + 1.5e-3 === .5 && c?.5:d >>>= $e => #f')).toEqual([
      ...['a', '?.', 'b', '??', '0x1F_n', '+', '1.5e-3', '===', '.5', '&&'],
      ...['c', '?', '.5', ':', 'd', '>>>=', '$e', '=>', '#', 'f'],
    ]);
  });

  it('never throws on unterminated literals', () => {
    expect(texts("a = 'open\nb")).toEqual(['a', '=', '"open"', 'b']);
    expect(texts('a = `open ${ b')).toEqual(['a', '=', '`open ${', 'b']);
    expect(texts('/* open')).toEqual([]);
    expect(texts('x = /open')).toEqual(['x', '=', '/open']);
  });
});
