import { describe, expect, it } from 'vitest';
import { convexSize } from '../../src/limits/documentSize';
import { DRY_RUN_SAMPLES, DrySamples, REPORT_SAMPLE_BYTES } from '../../src/migrations/samples';
import type { DryRunProgress } from '../../src/migrations/state';

const progress = (migrationId: string, samples: DryRunProgress['samples'] = []): DryRunProgress => ({
  migrationId,
  cursor: null,
  processed: 0,
  changed: 0,
  samples,
});
/** A document of 1,000 fields of 100 characters, each of which the migration changes. */
const wide = (id: string) => ({
  _id: id,
  ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, 'a'.repeat(100)])),
});
const changes = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, 'b'.repeat(100)]));

describe('DrySamples', () => {
  it(`keeps at most ${DRY_RUN_SAMPLES} samples per migration, counting the ones its progress has`, () => {
    const samples = new DrySamples(progress('m', [{ _id: 'x', before: {}, after: { a: 1 } }]), []);
    for (const id of ['a', 'b', 'c']) samples.offer({ _id: id, a: 0 }, { a: 1 });
    expect(samples.added.map((sample) => sample._id)).toEqual(['a', 'b']);
  });

  it('leaves out a sample that would take the whole report past its bytes, other migrations included', () => {
    const current = progress('m2');
    const first = new DrySamples(progress('m1'), []);
    for (const id of ['a', 'b', 'c']) first.offer(wide(id), changes);
    const taken = convexSize(first.added);
    // Each sample of 1,000 changed fields is about 210 KB: one fits, a second would not.
    expect(first.added.length).toBe(1);
    expect(taken).toBeLessThanOrEqual(REPORT_SAMPLE_BYTES);
    const second = new DrySamples(current, [progress('m1', first.added)]);
    second.offer(wide('d'), changes);
    second.offer({ _id: 'e', f0: 'a' }, { f0: 'b' });
    expect(second.added.map((sample) => sample._id)).toEqual(['e']);
  });
});
