import { convexSize } from '../limits/documentSize.js';
import { sampleDiff } from './patch.js';
import type { DryRunProgress, SampleDiff } from './state.js';

/** How many sample diffs a dry run keeps per migration. */
export const DRY_RUN_SAMPLES = 3;

/**
 * Bytes the sample diffs of a whole dry run's report may take: the report is stored on the run's
 * document, which Convex caps at 1 MiB, and a run may hold many migrations.
 */
export const REPORT_SAMPLE_BYTES = 256 * 1024;

/**
 * The sample diffs one dry-run batch adds to its migration's progress: at most
 * {@link DRY_RUN_SAMPLES} per migration, and a sample that would take the report's samples past
 * {@link REPORT_SAMPLE_BYTES} is left out (the document is still counted as changed).
 */
export class DrySamples {
  readonly added: SampleDiff[] = [];
  private bytes: number;

  constructor(
    private readonly progress: DryRunProgress,
    report: readonly DryRunProgress[],
  ) {
    this.bytes = 0;
    for (const entry of report) this.bytes += convexSize(entry.samples);
  }

  /** Keeps the diff of `doc` and `changes` while there is room for it. */
  offer(doc: Record<string, unknown>, changes: Record<string, unknown>): void {
    if (this.progress.samples.length + this.added.length >= DRY_RUN_SAMPLES) return;
    const sample = sampleDiff(doc, changes);
    const size = convexSize(sample);
    if (this.bytes + size > REPORT_SAMPLE_BYTES) return;
    this.bytes += size;
    this.added.push(sample);
  }
}
