import { isDeepStrictEqual } from 'node:util';
import { RESERVED_TABLE_NAMES } from '../schema/names.js';
import { CliError } from './errors.js';
import { type ExportedTable, exportedSchema, loadAppModule } from './loadSchema.js';

/**
 * convex-orm's own tables, as `defineSchema(...).export()` writes them: those of an empty schema of
 * the app's convex-orm (imported through the app, as the schema is: the CLI imports no `convex`).
 */
async function ownTables(cwd: string): Promise<ExportedTable[]> {
  const what = "convex-orm's defineSchema (to compare the tables named like its own)";
  const source = "import { defineSchema } from 'convex-orm';\nexport default defineSchema({});\n";
  return exportedSchema(await loadAppModule(cwd, source, what), what).tables;
}

/** What a table declares: its validators and its indexes, in any order. */
function declared(table: ExportedTable): unknown {
  const sorted = <T extends { indexDescriptor: string }>(indexes: readonly T[] = []) =>
    [...indexes].sort((a, b) => a.indexDescriptor.localeCompare(b.indexDescriptor));
  return {
    documentType: table.documentType,
    stagedDocumentType: table.stagedDocumentType,
    indexes: sorted(table.indexes),
    searchIndexes: sorted(table.searchIndexes),
    vectorIndexes: sorted(table.vectorIndexes),
    staged: [
      ...sorted(table.stagedDbIndexes),
      ...sorted(table.stagedSearchIndexes),
      ...sorted(table.stagedVectorIndexes),
    ],
  };
}

/**
 * The tables of a pulled schema that are convex-orm's own (`migration_state`, `aggregate_bucket`,
 * ...): the pulled schema's `defineSchema` adds them again. A table with one of their names and
 * another definition is the app's own, which the pulled schema could neither keep (the name is
 * reserved) nor drop without a word: it is refused.
 */
export async function ownTableNames(cwd: string, tables: readonly ExportedTable[]): Promise<Set<string>> {
  const reserved = tables.filter((table) => RESERVED_TABLE_NAMES.has(table.tableName));
  if (reserved.length === 0) return new Set();
  const own = new Map((await ownTables(cwd)).map((table) => [table.tableName, declared(table)]));
  for (const table of reserved) {
    if (isDeepStrictEqual(declared(table), own.get(table.tableName))) continue;
    throw new CliError(
      `Table "${table.tableName}" has the name of one of convex-orm's own tables but not its definition (fields and indexes), so it is not convex-orm's; the pulled schema's defineSchema would declare convex-orm's "${table.tableName}" in its place, whose validator rejects this table's documents. Rename the table (and move its documents), then pull again; if it holds convex-orm's state after all (a schema generated from the data), delete it from the schema you pull.`,
    );
  }
  return new Set(reserved.map((table) => table.tableName));
}
