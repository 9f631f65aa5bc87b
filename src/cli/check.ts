import { relative } from 'node:path';
import type { CheckResult } from '../migrations/index.js';
import { addBatch, reportLines, type TableReport, tableReport } from './checkReport.js';
import type { CliConfig } from './config.js';
import { adviseExport } from './exportAdvice.js';
import { plural } from './format.js';
import type { CliIo } from './io.js';
import { exportedSchema, loadSchemaModule, schemaPath } from './loadSchema.js';
import { ArgumentsTooLong, MAX_ARGUMENT_BYTES } from './transport.js';

/**
 * The largest `--batch-size` of `migrate check`: the deployment's `MAX_CHECK_BATCH`
 * (src/migrations/check.ts, which imports `convex`, a package the bundled CLI does not ship;
 * a test pins that the two agree).
 */
export const CHECK_BATCH_LIMIT = 4096;

/**
 * `migrate check [--prod]`: walks every table of the deployment in bounded batches (the
 * deployment's `check` function, one query per batch) and reports the documents the *local*
 * schema's validators would reject, so they are found before `convex deploy` fails on them.
 * Exit 1 if any, unless the schema sets `schemaValidation: false`: then Convex validates no
 * document on deploy, and they are only a warning (exit 0). A table whose validator is too long
 * to pass to the deployment ({@link ArgumentsTooLong}) is reported as not checked (exit 1).
 *
 * It also reports the documents that break a column's type (what Convex's validator lets in and the
 * ORM refuses: a fraction in an `integer()`, ...) or a unique, check, NOT NULL or foreign-key
 * constraint of the *deployed* schema (the deployment's own ORM, whose indexes the probes use):
 * Convex enforces none, so documents stored before a type or constraint was added, or by raw
 * writes, may. Exit 1 if any.
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
    const report = tableReport(tableName);
    const documentTypeJson = JSON.stringify(documentType);
    let cursor: string | null = null;
    for (;;) {
      const batch = (await transport
        .call('check', { table: tableName, documentType: documentTypeJson, cursor, batchSize: options.batchSize })
        .catch((error: Error) => {
          if (error instanceof ArgumentsTooLong) return error;
          return adviseExport(config, 'check', ' If a batch read too much, pass a smaller --batch-size.')(error);
        })) as CheckResult | ArgumentsTooLong;
      if (batch instanceof ArgumentsTooLong) {
        const past = report.scanned > 0 ? ` past its first ${plural(report.scanned, 'document')}` : '';
        report.unchecked = `${past}: its validator is ${Buffer.byteLength(documentTypeJson)} bytes of JSON, and \`npx convex run\` takes the check's arguments in one command-line argument, of at most ${MAX_ARGUMENT_BYTES} bytes (${batch.bytes} needed)`;
        break;
      }
      addBatch(report, batch);
      if (batch.isDone) break;
      cursor = batch.continueCursor;
    }
    reports.push(report);
  }
  const unchecked = reports.filter((report) => report.unchecked !== undefined).length;
  const rejected = reports.reduce((sum, report) => sum + report.rejectedDocuments, 0);
  const scanned = reports.reduce((sum, report) => sum + report.scanned, 0);
  const where = `${options.prod ? 'production' : 'the dev deployment'} against ${relative(io.cwd, path)}`;
  const lines = [
    `Checked ${plural(scanned, 'document')} in ${plural(tables.length, 'table')} of ${where}:`,
    ...reports.flatMap((report) => reportLines(report, schemaValidation ? 'would be rejected' : 'do not match')),
  ];
  if (unchecked > 0) {
    lines.push(
      `${plural(unchecked, 'table')} could not be checked (above): their documents may fail the local schema's validators.`,
    );
  }
  if (rejected === 0) {
    lines.push(`Every document ${unchecked > 0 ? 'checked ' : ''}passes the local schema's validators.`);
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
  const violating = reports.reduce((sum, report) => sum + report.violatingDocuments, 0);
  lines.push(...constraintVerdict(reports, violating));
  io.stdout.write(`${lines.join('\n')}\n`);
  return (rejected > 0 && schemaValidation) || violating > 0 || unchecked > 0 ? 1 : 0;
}

/** What the constraint violations of all tables mean (`violating` documents break some). */
function constraintVerdict(reports: readonly TableReport[], violating: number): string[] {
  if (reports.some((report) => !report.constraintsVerified)) {
    return [
      "The deployment's `check` verifies no constraint: it predates that. Deploy, then check again to verify the column types and the unique, check, NOT NULL and foreign-key constraints.",
    ];
  }
  if (violating === 0)
    return [
      'No document breaks a column type or a unique, check, NOT NULL or foreign-key constraint of the deployed schema.',
    ];
  const [breaks, they] = violating === 1 ? ['breaks', 'it was'] : ['break', 'they were'];
  return [
    `${plural(violating, 'document')} ${breaks} column types or unique, check, NOT NULL or foreign-key constraints of the deployed schema: Convex enforces none of them (of a type, only its validator), and the ORM checks only the rows it writes, so ${they} stored before the type or constraint existed, or by raw writes.`,
    'Fix or remove them (a data migration: `convex-orm migrate create`), then check again.',
  ];
}
