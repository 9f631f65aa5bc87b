// @vitest-environment node
import { readFileSync } from 'node:fs';
import { normalizeSource, sourceChecksum } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { CHECKSUM_TAG, hashText, legacySourceChecksums } from '../../src/migrations/checksum';

/** A migration file of the example app, as biome formats it. */
const formatted = readFileSync(
  new URL('../../example/convex/migrations/20261201_014340_backfill_todo_priority.ts', import.meta.url),
  'utf8',
);

/** The same file reformatted: quotes, semicolons, trailing commas, arrow parens, comments, wrapping, CRLF. */
const reformatted = `import { defineMigration } from "convex-orm/migrations"
import type { DataModel } from "../_generated/dataModel"
// Backfill: every todo gets a priority.
export const migration = defineMigration<DataModel>({ id: "20261201_014340_backfill_todo_priority",
    description: "backfill todo priority to medium for existing rows",
    up: { table: "todos", migrateOne: async (_ctx, doc) => {
        if (doc.priority === undefined ||
            doc.priority === null) return { priority: "medium" } /* the default */
    } },
    down: { table: "todos", migrateOne: async (_ctx, doc) =>
        (doc.priority === "medium" ? { priority: undefined } : undefined) }
});`.replaceAll('\n', '\r\n');

describe('migration checksums', () => {
  it('hashes with 64-bit FNV-1a (known vectors)', () => {
    expect(hashText('')).toBe('cbf29ce484222325');
    expect(hashText('a')).toBe('af63dc4c8601ec8c');
    expect(hashText('foobar')).toBe('85944171f73967e8');
  });

  it('does not change when the file is reformatted', () => {
    expect(normalizeSource(reformatted)).toBe(normalizeSource(formatted));
    expect(sourceChecksum(reformatted)).toBe(sourceChecksum(formatted));
  });

  it.each([
    ['line endings, indentation and blank lines', 'a(\n  b,\n);\n', '\r\n\r\na(b)'],
    ['comments', 'a(b) // why\n', '/* what */ a(/* x */ b)'],
    ['quotes', `x = 'it\\'s "so"'`, `x = "it's \\"so\\""`],
    ['trailing commas', 'f(a, [b, c,], { d, },)', 'f(a, [b, c], { d })'],
    ['semicolons ASI supplies', 'a = 1;\nb();\nif (c) { d(); }', 'a = 1\nb()\nif (c) { d() }'],
    ['single arrow parameter parentheses', 'xs.map((x) => x + 1)', 'xs.map(x => x + 1)'],
    [
      'a for header broken over lines',
      'for (let i = 0; i < doc.tags.length; i++) total += doc.tags[i].length;\n',
      'for (\n  let i = 0;\n  i < doc.tags.length;\n  i++\n)\n  total += doc.tags[i].length;\n',
    ],
    [
      'members on one line or one per line',
      'interface Before { note?: string; legacy?: string }\nlet x: { a: 1; [k: string]: 1 }',
      'interface Before {\n  note?: string;\n  legacy?: string;\n}\nlet x: {\n  a: 1;\n  [k: string]: 1;\n}',
    ],
    ['statements on one line or one per line', 'a = 1; b(); if (c) d(); else e()', 'a = 1\nb()\nif (c) d()\nelse e()'],
    ['the `;` a line break supplies after return', 'if (a) return;\nb();\nreturn;\n', 'if (a) return\nb()\nreturn\n'],
    [
      'the `;` a line break supplies after break and continue',
      'break;\nlabel: x;\ncontinue;\ny',
      'break\nlabel: x\ncontinue\ny',
    ],
    ['the `;` a line break supplies before ++', 'a;\n++b', 'a\n++b'],
    ['a `;` before a statement keyword after return', 'if (a) return;\nconst b = 1', 'if (a) return\nconst b = 1'],
    ['a `;` closing a do-while', 'do x(); while (y);\nz()', 'do x()\nwhile (y)\nz()'],
  ])('ignores %s', (_what, source, edited) => {
    expect(sourceChecksum(edited)).toBe(sourceChecksum(source));
  });

  it('keeps the checksums of files the previous normalization gave the same one (the example app)', () => {
    // The example's manifest was written before a line break's `;` was written out.
    const manifest = readFileSync(new URL('../../example/convex/migrations/manifest.ts', import.meta.url), 'utf8');
    const untagged = hashText(normalizeSource(formatted));
    expect(manifest).toContain(`checksum: '${untagged}'`);
    expect(legacySourceChecksums(formatted)).toEqual([untagged, untagged, untagged]);
    expect(sourceChecksum(formatted)).toBe(`${CHECKSUM_TAG}${untagged}`);
  });

  it('legacySourceChecksums holds the earlier normalizations: a line break dropped every `;` before it', () => {
    const early = 'if (a) return;\nb();\n';
    expect(legacySourceChecksums(early)[2]).toBe(legacySourceChecksums('if (a) return b()')[2]);
    const untagged = hashText(normalizeSource(early));
    expect(legacySourceChecksums(early).slice(0, 2)).toEqual([untagged, untagged]);
    expect(untagged).not.toBe(legacySourceChecksums(early)[2]);
  });

  it('legacySourceChecksums holds the earlier normalizations: a `/` after a header or a block divided', () => {
    const source = 'if (title) / +x/.test(title) && (hit = true);';
    const split = hashText('if ( title ) / + x / . test ( title ) && ( hit = true )');
    expect(legacySourceChecksums(source)).toEqual([hashText(normalizeSource(source)), split, split]);
    expect(normalizeSource(source)).toBe('if ( title ) / +x/ . test ( title ) && ( hit = true )');
  });

  it.each([
    ['a string value', "return { priority: 'medium' };", "return { priority: 'high' };"],
    ['a word split in two', 'a b', 'ab'],
    ['whitespace inside a template literal', 'x = `a b`', 'x = `a  b`'],
    ['a regular expression', 'x = /a b/', 'x = /a  b/'],
    ['a regular expression after an if header', 'if (a) / +x/.test(s)', 'if (a) /  +x/.test(s)'],
    ['a regular expression after a block', '{ a() }\n/ +x/.test(s)', '{ a() }\n/  +x/.test(s)'],
    ['comment-like text inside a string', "x = 'a // b'", "x = 'a'"],
    ['grouping parentheses', 'x = (a + b) * c', 'x = a + b * c'],
    ['a semicolon ASI would not supply', 'a;\n(b)', 'a\n(b)'],
    ['an operator', 'x = a - -b', 'x = a - b'],
    ['a hole in an array', 'x = [a, , b]', 'x = [a, b]'],
    ['a line break after return (it returns nothing)', 'return {\n  priority: 1,\n};', 'return\n{\n  priority: 1,\n};'],
    ['a line break after return, when `;` is written', 'if (a) return;\nb()', 'if (a) return b()'],
    ['a line break after throw', 'throw error', 'throw\nerror'],
    ['a line break after yield', 'yield x', 'yield\nx'],
    ['a line break after break (a label or not)', 'break outer', 'break\nouter'],
    ['a line break before ++ (prefix, not postfix)', 'a++\nb', 'a\n++b'],
    ['a `;` moved inside a for header', 'for (a;;) b', 'for (;a;) b'],
    ['an empty statement', 'if (a);\nb()', 'if (a)\nb()'],
    ['an empty else', 'if (a) b; else;\nc()', 'if (a) b; else\nc()'],
    ['an empty loop body', 'while (a);\nb()', 'while (a)\nb()'],
  ])('changes with %s', (_what, source, edited) => {
    expect(sourceChecksum(edited)).not.toBe(sourceChecksum(source));
  });
});
