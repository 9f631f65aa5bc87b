import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliConfig } from './config.js';
import { dataModelPath, newMigration } from './create.js';
import { CliError } from './errors.js';
import { generatedBody } from './generateSource.js';
import type { CliIo } from './io.js';
import { loadSchemaModule, schemaPath } from './loadSchema.js';
import { addMigrations } from './manifest.js';
import {
  type BreakingChange,
  type ConstraintChange,
  describeConstraint,
  diffSnapshots,
  type RenameDecisions,
  type RenameQuestion,
  renameQuestions,
} from './schemaDiff.js';
import {
  buildSnapshot,
  keepingRemoved,
  ormTables,
  readSnapshot,
  type SchemaSnapshot,
  SNAPSHOT_FILE,
  writeSnapshot,
} from './snapshot.js';

/** Options of `migrate generate`: `--rename` and `--drop` are comma-separated lists. */
export interface GenerateOptions {
  name?: string;
  rename?: string;
  drop?: string;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The tables a possibly unqualified column reference (`col` or `table.col`) can mean: those
 * where `test` holds. Exactly one must match.
 */
function tableOf(flag: string, ref: string, tables: string[], test: (table: string) => boolean): string {
  const dot = ref.indexOf('.');
  const candidates = dot >= 0 ? [ref.slice(0, dot)].filter(test) : tables.filter(test);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new CliError(`--${flag} ${ref}: no table of the schema matches (check the table and column names).`, 2);
  }
  throw new CliError(
    `--${flag} ${ref} is ambiguous (tables ${candidates.join(', ')}): qualify it, e.g. ${candidates[0]}.${ref}.`,
    2,
  );
}

/** Reads `--rename old:new` / `table.old:new` and `--drop col` / `table.col` against the two schemas. */
function parseDecisions(options: GenerateOptions, before: SchemaSnapshot, after: SchemaSnapshot): RenameDecisions {
  const tables = Object.keys(after.tables).filter((table) => Object.hasOwn(before.tables, table));
  const gone = (table: string, column: string) =>
    Object.hasOwn(before.tables[table]?.columns ?? {}, column) && !Object.hasOwn(after.tables[table]!.columns, column);
  const added = (table: string, column: string) =>
    Object.hasOwn(after.tables[table]?.columns ?? {}, column) && !Object.hasOwn(before.tables[table]!.columns, column);
  const column = (ref: string) => ref.slice(ref.indexOf('.') + 1);
  const decisions: RenameDecisions = { renames: [], drops: [] };
  // What became of each removed column, and which removed column each new name took, by `table.column`.
  const decided = new Map<string, string>();
  const renamedFrom = new Map<string, string>();
  for (const item of list(options.rename)) {
    const [from, to, ...rest] = item.split(':');
    if (!from || !to || rest.length > 0) throw new CliError(`--rename ${item}: write old:new or table.old:new.`, 2);
    if (to.includes('.')) {
      throw new CliError(
        `--rename ${item}: a column is renamed within its table, so the new name takes none: --rename ${from}:${column(to)}.`,
        2,
      );
    }
    const table = tableOf('rename', from, tables, (t) => gone(t, column(from)) && added(t, to));
    decideOnce(`--rename ${item}`, `${table}.${column(from)}`, `renamed to ${to}`, decided);
    const earlier = renamedFrom.get(`${table}.${to}`);
    if (earlier !== undefined) {
      throw new CliError(
        `--rename ${item}: ${table}.${to} is the new name of ${earlier} already; one column takes one rename.`,
        2,
      );
    }
    renamedFrom.set(`${table}.${to}`, column(from));
    decisions.renames.push({ table, from: column(from), to });
  }
  for (const item of list(options.drop)) {
    const table = tableOf('drop', item, tables, (t) => gone(t, column(item)));
    decideOnce(`--drop ${item}`, `${table}.${column(item)}`, 'dropped', decided);
    decisions.drops.push({ table, column: column(item) });
  }
  return decisions;
}

/** Records what became of the removed column `key` (`table.column`); a second decision is a usage error. */
function decideOnce(flag: string, key: string, decision: string, decided: Map<string, string>): void {
  const earlier = decided.get(key);
  if (earlier !== undefined)
    throw new CliError(`${flag}: ${key} is decided twice (${earlier}); say once what became of it.`, 2);
  decided.set(key, decision);
}

/** Asks, per removed column, whether it was renamed; without a terminal, a usage error says what to pass. */
async function resolveQuestions(io: CliIo, questions: RenameQuestion[], decisions: RenameDecisions): Promise<void> {
  if (!io.prompt) {
    const lines = questions.map(
      ({ table, removed, added }) =>
        `  ${table}: removed ${removed.join(', ')}; added ${added.join(', ')}. A rename: --rename ${table}.${removed[0]}:${added[0]}; a removal: --drop ${table}.${removed[0]}.`,
    );
    throw new CliError(
      [
        'Columns were removed and others added: renamed or removed? Say which (stdin is no terminal to ask):',
        ...lines,
      ].join('\n'),
      2,
    );
  }
  for (const { table, removed, added } of questions) {
    const free = [...added];
    for (const column of removed) {
      const answer = await io.prompt(
        `${table}.${column} is gone and ${free.join(', ')} ${free.length === 1 ? 'is' : 'are'} new. Renamed to (Enter if ${column} was removed)? `,
      );
      if (answer === '') {
        decisions.drops.push({ table, column });
      } else if (free.includes(answer)) {
        decisions.renames.push({ table, from: column, to: answer });
        free.splice(free.indexOf(answer), 1);
      } else {
        throw new CliError(`"${answer}" is not a new column of ${table} (${free.join(', ')}).`, 2);
      }
      if (free.length === 0) break;
    }
  }
}

function describeChange(change: BreakingChange): string {
  switch (change.kind) {
    case 'renamed':
      return `${change.from} renamed to ${change.column}`;
    case 'removed':
      return `${change.column} removed`;
    case 'enumNarrowed':
      return `${change.column} no longer allows ${change.removedValues.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'typeChanged':
      return `${change.column} changed type`;
    case 'required':
      return `${change.column} became notNull`;
    case 'addedRequired':
      return `${change.column} is a new notNull column`;
  }
}

const CONSTRAINT_CHANGES: Record<ConstraintChange['change'], string> = {
  added: 'new',
  changed: 'changed',
  unrecorded: 'not in the snapshot, which predates constraints',
};

/**
 * What to say of constraints stored documents may break: Convex verifies none of them (nor the
 * ORM, which checks the rows it writes), so `migrate check` must, once they are deployed.
 */
function constraintLines(changes: readonly ConstraintChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    'Constraints that stored documents may break (Convex verifies none of them on existing documents; the ORM checks only the rows it writes):',
    ...changes.map(
      ({ table, constraint, change }) => `  ${table}: ${describeConstraint(constraint)}, ${CONSTRAINT_CHANGES[change]}`,
    ),
    'Deploy this schema, then run `convex-orm migrate check`: it reports the documents that break them.',
  ];
}

/**
 * `migrate generate [name]`: diffs the schema against `schema.snapshot.json` beside the
 * migrations and, for each table with changes old documents would fail, scaffolds a migration
 * that handles exactly those fields; then regenerates the manifest and the snapshot. Compatible
 * changes only update the snapshot. Constraints stored documents may break are listed with the
 * command that verifies them. The first run writes the snapshot.
 */
export async function migrateGenerate(io: CliIo, config: CliConfig, options: GenerateOptions): Promise<number> {
  const path = schemaPath(io.cwd, config.functionsDir);
  const current = buildSnapshot(ormTables(await loadSchemaModule(io.cwd, path)));
  const dir = join(io.cwd, config.migrationsDir);
  const snapshotPath = join(dir, SNAPSHOT_FILE);
  const shownSnapshot = relative(io.cwd, snapshotPath);
  const out = (lines: string[]) => io.stdout.write(`${lines.join('\n')}\n`);
  const previous = readSnapshot(snapshotPath);
  if (!previous) {
    mkdirSync(dir, { recursive: true });
    writeSnapshot(snapshotPath, current);
    out([
      `Wrote ${shownSnapshot}, the schema the next \`migrate generate\` compares with. No migration: there was nothing to compare with.`,
    ]);
    return 0;
  }
  const decisions = parseDecisions(options, previous, current);
  const questions = renameQuestions(previous, current, decisions);
  if (questions.length > 0) await resolveQuestions(io, questions, decisions);
  const diff = diffSnapshots(previous, current, decisions);
  const next = keepingRemoved(previous, current);
  const notes = diff.compatible.map((note) => `  ${note}`);
  const constraints = constraintLines(diff.constraints);
  if (diff.migrations.length === 0) {
    writeSnapshot(snapshotPath, next);
    if (notes.length === 0 && constraints.length === 0) out([`No schema changes since ${shownSnapshot}.`]);
    else {
      // A constraint may still be broken by stored documents: only the validators are sure to pass.
      const passes = constraints.length === 0 ? 'the schema' : "the schema's validators";
      out([`No migration needed: every stored document still passes ${passes}.`, ...notes, ...constraints]);
    }
    return 0;
  }
  const now = new Date(io.now());
  const named = diff.migrations.map((migration) => ({
    migration,
    body: generatedBody(migration),
    name:
      options.name === undefined
        ? `update_${migration.table}`
        : diff.migrations.length === 1
          ? options.name
          : `${options.name}_${migration.table}`,
  }));
  // Table names that differ only in case or punctuation (`notes`, `Notes`) slug alike: number the repeats.
  const ids = new Set<string>();
  const dataModel = dataModelPath(config);
  const files = named.map(({ migration, body, name }) => {
    let file = newMigration(name, migration.table, now, dataModel, body);
    for (let n = 2; ids.has(file.id); n++) file = newMigration(`${name}_${n}`, migration.table, now, dataModel, body);
    ids.add(file.id);
    return file;
  });
  // Checks every file (and the directory) before the first is written: nothing is half-generated.
  addMigrations(dir, files);
  const lines = named.map(
    ({ migration }, i) =>
      `Created ${join(config.migrationsDir, `${files[i]!.id}.ts`)} for ${migration.table}: ${migration.changes.map(describeChange).join('; ')}.`,
  );
  writeSnapshot(snapshotPath, next);
  out([
    ...lines,
    `Regenerated manifest.ts and ${shownSnapshot}.`,
    ...(notes.length > 0 ? ['Compatible changes (no migration needed):', ...notes] : []),
    named.some(({ body }) => body.hasTodo)
      ? 'Complete each TODO in the generated code (it fails the batch until then), deploy, and run `convex-orm migrate up`.'
      : 'Review the generated code, deploy, and run `convex-orm migrate up`.',
    ...constraints,
  ]);
  return 0;
}
