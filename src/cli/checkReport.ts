import type { CheckResult, ConstraintViolation, RejectedField } from '../migrations/index.js';
import { plural } from './format.js';

/** Sample documents printed per rejected field and per violated constraint. */
const SAMPLES = 3;

/** How many documents share one problem, and the first few of them. */
interface Tally<T> {
  count: number;
  samples: T[];
}

/** What `migrate check` found in one table, batch after batch. */
export interface TableReport {
  table: string;
  scanned: number;
  /** Documents the local schema's validators reject. */
  rejectedDocuments: number;
  fields: Map<string, Tally<RejectedField>>;
  /** Documents that break a constraint of the deployed schema. */
  violatingDocuments: number;
  constraints: Map<string, Tally<ConstraintViolation>>;
  /** False when the deployment's `check` verifies no constraint (deployed before it did). */
  constraintsVerified: boolean;
  /**
   * Why the table, or its documents past those `scanned`, were not checked (its validator cannot be
   * passed to the deployment), if so: the rest of the line after "not checked".
   */
  unchecked?: string;
}

/** An empty report of `table`. */
export const tableReport = (table: string): TableReport => ({
  table,
  scanned: 0,
  rejectedDocuments: 0,
  fields: new Map(),
  violatingDocuments: 0,
  constraints: new Map(),
  constraintsVerified: true,
});

function count<T>(tallies: Map<string, Tally<T>>, key: string, item: T): void {
  const tally = tallies.get(key) ?? { count: 0, samples: [] };
  tally.count++;
  if (tally.samples.length < SAMPLES) tally.samples.push(item);
  tallies.set(key, tally);
}

const distinctIds = (items: readonly { _id: string }[]) => new Set(items.map((item) => item._id)).size;

/** Adds one batch of `check` to `report` (a document belongs to one batch, so counting its ids per batch counts it once). */
export function addBatch(report: TableReport, batch: CheckResult): void {
  report.scanned += batch.scanned;
  report.rejectedDocuments += distinctIds(batch.rejected);
  for (const rejected of batch.rejected) {
    count(report.fields, `${rejected.field === '' ? '(document)' : rejected.field} (${rejected.problem})`, rejected);
  }
  if (batch.violations === undefined) {
    report.constraintsVerified = false;
    return;
  }
  report.violatingDocuments += distinctIds(batch.violations);
  for (const violation of batch.violations) {
    count(report.constraints, `${CONSTRAINT_KINDS[violation.kind]} ${violation.constraint}`, violation);
  }
}

const CONSTRAINT_KINDS: Record<ConstraintViolation['kind'], string> = {
  type: 'type',
  unique: 'unique',
  check: 'check',
  notNull: 'not null',
  foreignKey: 'foreign key',
};

const rejectedSample = (rejected: RejectedField) =>
  rejected.value === undefined ? rejected._id : `${rejected._id} = ${rejected.value}`;

function violationSample(violation: ConstraintViolation): string {
  const value = violation.value === undefined ? '' : ` = ${violation.value}`;
  if (violation.kind === 'unique') return `${violation._id}${value} (duplicates ${violation.other})`;
  return `${violation._id}${value}${violation.kind === 'foreignKey' ? ' (not found)' : ''}`;
}

/** A table's lines; `verdict` says what happens to its invalid documents ("would be rejected"). */
export function reportLines(report: TableReport, verdict: string): string[] {
  const { table, unchecked } = report;
  const notChecked = unchecked === undefined ? [] : [`  ? ${table}: not checked${unchecked}`];
  if (unchecked !== undefined && report.scanned === 0) return notChecked;
  return [...findingLines(report, verdict), ...notChecked];
}

/** The lines of what a table's documents checked hold. */
function findingLines(report: TableReport, verdict: string): string[] {
  const { table, scanned, rejectedDocuments, violatingDocuments } = report;
  if (rejectedDocuments === 0 && violatingDocuments === 0)
    return [`  ✓ ${table}: ${plural(scanned, 'document')}, all valid`];
  const lines: string[] = [];
  if (rejectedDocuments > 0) lines.push(`  ✗ ${table}: ${rejectedDocuments} of ${scanned} documents ${verdict}`);
  for (const [field, { count, samples }] of report.fields) {
    lines.push(`      ${field}: ${plural(count, 'document')}, e.g. ${samples.map(rejectedSample).join(', ')}`);
  }
  if (violatingDocuments > 0) {
    lines.push(`  ✗ ${table}: ${violatingDocuments} of ${scanned} documents break constraints of the deployed schema`);
  }
  for (const [constraint, { count, samples }] of report.constraints) {
    lines.push(`      ${constraint}: ${plural(count, 'document')}, e.g. ${samples.map(violationSample).join(', ')}`);
  }
  return lines;
}
