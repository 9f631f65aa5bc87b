import { describe, expect, it } from 'vitest';
import { convexSize } from '../../src/limits/documentSize';
import type { RejectedField } from '../../src/migrations/check';
import { CheckFindings, MAX_FINDINGS_BYTES } from '../../src/migrations/checkFindings';

// A document's rejected fields: `count` unexpected ones, each a name and value of `chars` characters.
const fields = (id: string, count: number, chars: number): RejectedField[] =>
  Array.from({ length: count }, (_, i) => ({
    _id: id,
    field: `${i}`.padEnd(chars, 'f'),
    problem: 'unexpected',
    value: 'v'.repeat(chars),
  }));

describe('CheckFindings: what one check batch returns fits one Convex return value', () => {
  it('refuses the document whose findings would take the entries past 8 MiB, whole', () => {
    const findings = new CheckFindings();
    const document = fields('d', 1000, 1000);
    const size = document.reduce((sum, entry) => sum + convexSize(entry), 0);
    const fitting = Math.floor(MAX_FINDINGS_BYTES / size);
    for (let i = 0; i < fitting; i++) expect(findings.add(document, [])).toBe(true);
    expect(findings.add(document, [])).toBe(false);
    expect({ documents: findings.documents, rejected: findings.rejected.length }).toEqual({
      documents: fitting,
      rejected: fitting * 1000,
    });
  });

  it("takes the first document's findings whatever they hold, so every batch moves on", () => {
    const findings = new CheckFindings();
    expect(findings.add(fields('d', 9000, 1), [])).toBe(true);
    expect(findings.add(fields('e', 1, 1), [])).toBe(false);
    expect(findings.documents).toBe(1);
  });
});
