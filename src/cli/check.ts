import { relative } from 'node:path';
import type { CheckResult, RejectedField } from '../migrations/index.js';
import type { CliConfig } from './config.js';
import { CliError } from './errors.js';
import { plural } from './format.js';
import type { CliIo } from './io.js';
import { exportedSchema, loadSchemaModule, schemaPath } from './loadSchema.js';

/** Sample documents printed per rejected field. */
const SAMPLES = 3;

/**
 * The largest `--batch-size` of `migrate check`: the deployment's `MAX_CHECK_BATCH`
 * (src/migrations/check.ts, which imports `convex`, a package the bundled CLI does not ship;
 * a test pins that the two agree).
 */
export const CHECK_BATCH_LIMIT = 4096;

interface FieldReport {
  count: number;
  samples: RejectedField[];
}

interface TableReport {
  table: string;
  scanned: number;
  rejectedDocuments: number;
  fields: Map<string, FieldReport>;
}

const describeField = (rejected: RejectedField) =>
  `${rejected.field === '' ? '(document)' : rejected.field} (${rejected.problem})`;

function sampleText(rejected: RejectedField): string {
  return rejected.value === undefined ? rejected._id : `${rejected._id} = ${rejected.value}`;
}

/** A table's lines; `verdict` says what happens to its invalid documents ("would be rejected"). */
function reportLines(report: TableReport, verdict: string): string[] {
  if (report.rejectedDocuments === 0) return [`  ✓ ${report.table}: ${plural(report.scanned, 'document')}, all valid`];
  const lines = [`  ✗ ${report.table}: ${report.rejectedDocuments} of ${report.scanned} documents ${verdict}`];
  for (const [field, { count, samples }] of report.fields) {
    lines.push(`      ${field}: ${plural(count, 'document')}, e.g. ${samples.map(sampleText).join(', ')}`);
  }
  return lines;
}

/**
 * `migrate check [--prod]`: walks every table of the deployment in bounded batches (the
 * deployment's `check` function, one query per batch) and reports the documents the *local*
 * schema's validators would reject, so they are found before `convex deploy` fails on them.
 * Exit 1 if any, unless the schema sets `schemaValidation: false`: then Convex validates no
 * document on deploy, and they are only a warning (exit 0).
 */
export async function migrateCheck(
  io: CliIo,
  config: CliConfig,
  options: { prod: boolean; batchSize: number },
): Promise<number> {
  const path = schemaPath(io.cwd, config.functionsDir);
  const { tables, schemaValidation } = exportedSchema(await loadSchemaModule(io.cwd, path), path);
  const transport = io.transport({ module: config.functionsModule, prod: options.prod });
  const reports: TableReport[] = [];
  for (const { tableName, documentType } of tables) {
    const report: TableReport = { table: tableName, scanned: 0, rejectedDocuments: 0, fields: new Map() };
    const documentTypeJson = JSON.stringify(documentType);
    let cursor: string | null = null;
    for (;;) {
      const batch = (await transport
        .call('check', { table: tableName, documentType: documentTypeJson, cursor, batchSize: options.batchSize })
        .catch((error: Error) => {
          throw new CliError(
            `${error.message}\nIf the deployment has no \`${config.functionsModule}:check\`, export it: \`export const { run, runChunk, status, cancel, check } = defineMigrationFunctions(...)\`, then deploy.`,
          );
        })) as CheckResult;
      report.scanned += batch.scanned;
      report.rejectedDocuments += new Set(batch.rejected.map((rejected) => rejected._id)).size;
      for (const rejected of batch.rejected) {
        const key = describeField(rejected);
        const field = report.fields.get(key) ?? { count: 0, samples: [] };
        field.count++;
        if (field.samples.length < SAMPLES) field.samples.push(rejected);
        report.fields.set(key, field);
      }
      if (batch.isDone) break;
      cursor = batch.continueCursor;
    }
    reports.push(report);
  }
  const rejected = reports.reduce((sum, report) => sum + report.rejectedDocuments, 0);
  const scanned = reports.reduce((sum, report) => sum + report.scanned, 0);
  const where = `${options.prod ? 'production' : 'the dev deployment'} against ${relative(io.cwd, path)}`;
  const lines = [
    `Checked ${scanned} documents in ${tables.length} tables of ${where}:`,
    ...reports.flatMap((report) => reportLines(report, schemaValidation ? 'would be rejected' : 'do not match')),
  ];
  if (rejected === 0) {
    lines.push('Every document passes the local schema.');
  } else if (schemaValidation) {
    lines.push(
      `${plural(rejected, 'document')} would fail schema validation: \`convex deploy\` of this schema would be rejected.`,
      'Migrate them first: `convex-orm migrate generate` scaffolds the migration, `convex-orm migrate up` runs it.',
    );
  } else {
    lines.push(
      `Warning: ${plural(rejected, 'document')} would fail the local schema's validators. It sets \`schemaValidation: false\`, so \`convex deploy\` checks no document and accepts it, but reads typed by this schema may get other values.`,
      'Migrate them when you can: `convex-orm migrate generate` scaffolds the migration, `convex-orm migrate up` runs it.',
    );
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return rejected > 0 && schemaValidation ? 1 : 0;
}
