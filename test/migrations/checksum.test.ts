// @vitest-environment node
import { readFileSync } from 'node:fs';
import { normalizeSource, sourceChecksum } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/migrations/checksum';

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
  ])('ignores %s', (_what, source, edited) => {
    expect(sourceChecksum(edited)).toBe(sourceChecksum(source));
  });

  it.each([
    ['a string value', "return { priority: 'medium' };", "return { priority: 'high' };"],
    ['a word split in two', 'a b', 'ab'],
    ['whitespace inside a template literal', 'x = `a b`', 'x = `a  b`'],
    ['a regular expression', 'x = /a b/', 'x = /a  b/'],
    ['comment-like text inside a string', "x = 'a // b'", "x = 'a'"],
    ['grouping parentheses', 'x = (a + b) * c', 'x = a + b * c'],
    ['a semicolon ASI would not supply', 'a;\n(b)', 'a\n(b)'],
    ['an operator', 'x = a - -b', 'x = a - b'],
    ['a hole in an array', 'x = [a, , b]', 'x = [a, b]'],
  ])('changes with %s', (_what, source, edited) => {
    expect(sourceChecksum(edited)).not.toBe(sourceChecksum(source));
  });
});
