import { normalizeSource, sourceChecksum } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/migrations/checksum';

describe('migration checksums', () => {
  it('hashes with 64-bit FNV-1a (known vectors)', () => {
    expect(hashText('')).toBe('cbf29ce484222325');
    expect(hashText('a')).toBe('af63dc4c8601ec8c');
    expect(hashText('foobar')).toBe('85944171f73967e8');
  });

  it('ignores line endings, indentation, trailing spaces and blank lines', () => {
    const source = "export const migration = defineMigration({\n  id: 'x',\n});\n";
    const reformatted = "\r\n\r\nexport const migration = defineMigration({   \r\n      id: 'x',\r\n});";
    expect(normalizeSource(reformatted)).toBe(normalizeSource(source));
    expect(sourceChecksum(reformatted)).toBe(sourceChecksum(source));
  });

  it('changes with any other edit', () => {
    const source = "return { priority: 'medium' };";
    expect(sourceChecksum(source)).not.toBe(sourceChecksum("return { priority: 'high' };"));
    expect(sourceChecksum('a b')).not.toBe(sourceChecksum('ab'));
  });
});
