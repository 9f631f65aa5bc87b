import type { ColumnJson } from '../migrations/columnJson.js';
import type { ValidatorJson } from '../migrations/validatorJson.js';
import type {
  AggregateIndexSnapshot,
  ColumnSnapshot,
  ConstraintSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from './snapshot.js';

/** A change to a column that documents written under the old schema may fail. */
export type BreakingChange =
  | { kind: 'renamed'; column: string; from: string; before: ColumnSnapshot; after: ColumnSnapshot }
  | { kind: 'removed'; column: string; before: ColumnSnapshot }
  | { kind: 'enumNarrowed'; column: string; removedValues: string[]; before: ColumnSnapshot; after: ColumnSnapshot }
  | { kind: 'typeChanged'; column: string; before: ColumnSnapshot; after: ColumnSnapshot }
  | { kind: 'required'; column: string; before: ColumnSnapshot; after: ColumnSnapshot }
  | { kind: 'addedRequired'; column: string; after: ColumnSnapshot };

/** The breaking changes of one table: one generated migration. */
export interface TableMigration {
  table: string;
  changes: BreakingChange[];
  /** The unique constraints (a primary key's too) of the table as it becomes, by each column they hold. */
  uniqueKeys?: Record<string, string>;
}

/** A table that removes some columns and adds others: each removal may be a rename. */
export interface RenameQuestion {
  table: string;
  removed: string[];
  added: string[];
}

/** How removed columns were resolved: renamed (`from` → `to`), or dropped. */
export interface RenameDecisions {
  renames: { table: string; from: string; to: string }[];
  drops: { table: string; column: string }[];
}

/**
 * A constraint of an existing table that stored documents may break, which Convex does not verify
 * (nor the ORM, which checks the rows it writes): new, changed in a way that may be stricter, or
 * not in a snapshot written before constraints were recorded.
 */
export interface ConstraintChange {
  table: string;
  constraint: ConstraintSnapshot;
  change: 'added' | 'changed' | 'unrecorded';
}

export interface SchemaDiff {
  migrations: TableMigration[];
  /** Why each compatible change needs no migration. */
  compatible: string[];
  /** Constraints to verify over the stored documents (`migrate check`). */
  constraints: ConstraintChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const has = (record: object, key: string) => Object.hasOwn(record, key);

/**
 * The primitive type a literal belongs to, as a validator. In Convex's JSON form a float the JSON
 * number cannot hold (-0, NaN, ±Infinity) is `{ $float }` and a bigint `{ $integer }`.
 */
function literalBase(value: unknown): ValidatorJson['type'] {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  return typeof value === 'object' && value !== null && Object.hasOwn(value, '$float') ? 'number' : 'bigint';
}

/**
 * A validator's type as stored values have it: a `v.commitTs()` field stores an int64 (the
 * placeholder a mutation writes becomes one as it commits), what `v.int64()` takes.
 */
const storedType = (type: ValidatorJson['type']) => (type === 'commitTs' ? 'bigint' : type);

/** True when every value `before` accepts, `after` accepts too (a widening or no change). */
export function accepts(after: ValidatorJson, before: ValidatorJson): boolean {
  if (same(after, before) || after.type === 'any') return true;
  if (before.type === 'union') return before.value.every((member) => accepts(after, member));
  if (after.type === 'union') return after.value.some((member) => accepts(member, before));
  if (before.type === 'literal') return storedType(after.type) === literalBase(before.value);
  if (storedType(before.type) === 'bigint') return storedType(after.type) === 'bigint';
  if (before.type === 'id') return after.type === 'string';
  if (after.type === 'array' && before.type === 'array') return accepts(after.value, before.value);
  if (after.type === 'record' && before.type === 'record') {
    return (
      accepts(after.keys, before.keys) &&
      accepts(after.values.fieldType, before.values.fieldType) &&
      (after.values.optional || !before.values.optional)
    );
  }
  if (after.type === 'object' && before.type === 'object') {
    const oldFields = Object.entries(before.value);
    const newFields = Object.entries(after.value);
    return (
      oldFields.every(([name, field]) => {
        const next = after.value[name];
        return (
          has(after.value, name) &&
          next !== undefined &&
          accepts(next.fieldType, field.fieldType) &&
          (next.optional || !field.optional)
        );
      }) && newFields.every(([name, field]) => field.optional || Object.hasOwn(before.value, name))
    );
  }
  return false;
}

/**
 * True when every value the ORM lets into `before`'s column, `after`'s lets in too, as far as
 * the ORM checks more than the validator (`valueProblem`, src/schema/valueProblem.ts); the
 * validators are {@link accepts}'s business. `before` is `undefined` inside a `custom()` or
 * `json()` value (or a vector's elements), which only a validator checks. A column a snapshot
 * recorded before it kept dimensions, elements and fields is taken as unchanged: nothing tells.
 */
export function rulesAccept(after: ColumnJson, before: ColumnJson | undefined): boolean {
  if (before !== undefined && rulesUnrecorded(before)) return true;
  switch (after.kind) {
    case 'integer':
      // A timestamp is a whole number of milliseconds.
      return before?.kind === 'integer' || before?.kind === 'timestamp';
    case 'timestamp':
    case 'date':
      return before?.kind === after.kind;
    case 'vector':
      return before?.kind === 'vector' && before.dimensions === after.dimensions;
    case 'array':
      return after.element === undefined || nestedAccepts(after.element, before?.element);
    case 'object':
      return Object.entries(after.fields ?? {}).every(
        // A field `before` did not have is absent from its values (its validator refuses others).
        ([name, field]) =>
          (before?.fields && !has(before.fields, name)) || nestedAccepts(field, before?.fields?.[name]),
      );
    default:
      // text, textEnum, number, boolean, bigint, bytes, id, json, custom: the validator is the rule.
      return true;
  }
}

/** {@link rulesAccept} for a nested element or field, whose `notNull` the ORM checks even where its validator admits null. */
function nestedAccepts(after: ColumnJson, before: ColumnJson | undefined): boolean {
  const nullRefused = after.notNull && !before?.notNull && accepts(after.validator, { type: 'null' });
  return !nullRefused && rulesAccept(after, before);
}

const rulesUnrecorded = (column: ColumnJson) =>
  (column.kind === 'vector' && column.dimensions === undefined) ||
  (column.kind === 'array' && column.element === undefined) ||
  (column.kind === 'object' && column.fields === undefined);

/** The breaking changes of a column that exists before and after. */
function columnChanges(column: string, before: ColumnSnapshot, after: ColumnSnapshot): BreakingChange[] {
  const changes: BreakingChange[] = [];
  if (!accepts(after.validator, before.validator)) {
    const removedValues = before.enumValues?.filter((value) => !after.enumValues?.includes(value));
    if (removedValues && after.enumValues) changes.push({ kind: 'enumNarrowed', column, removedValues, before, after });
    else changes.push({ kind: 'typeChanged', column, before, after });
  } else if (!rulesAccept(after, before)) {
    // The same Convex type, a stricter ORM one (number() → integer(), text() → date(), vector(3) → vector(4)).
    changes.push({ kind: 'typeChanged', column, before, after });
  }
  if (after.notNull && !before.notNull) changes.push({ kind: 'required', column, before, after });
  return changes;
}

function compatibleColumnNotes(table: string, column: string, before: ColumnSnapshot, after: ColumnSnapshot) {
  const notes: string[] = [];
  const retyped = !same(before.validator, after.validator) || before.kind !== after.kind;
  if (retyped && accepts(after.validator, before.validator) && rulesAccept(after, before)) {
    notes.push(`${table}.${column}: type widened; every stored value still passes.`);
  }
  if (before.notNull && !after.notNull) notes.push(`${table}.${column}: now nullable; stored values still pass.`);
  return notes;
}

function indexNotes(table: string, before: TableSnapshot, after: TableSnapshot): string[] {
  const notes: string[] = [];
  const kinds = [
    ['index', before.indexes, after.indexes],
    ['search index', before.searchIndexes, after.searchIndexes],
    ['vector index', before.vectorIndexes, after.vectorIndexes],
  ] as const;
  for (const [kind, old, next] of kinds) {
    const oldByName = new Map<string, unknown>(old.map((index) => [index.name, index]));
    for (const index of next) {
      const previous = oldByName.get(index.name);
      if (previous === undefined) notes.push(`${table}: new ${kind} ${index.name}; Convex builds it on deploy.`);
      else if (!same(previous, index))
        notes.push(`${table}: ${kind} ${index.name} changed; Convex rebuilds it on deploy.`);
    }
    for (const index of old) {
      if (!next.some((other) => other.name === index.name)) notes.push(`${table}: ${kind} ${index.name} removed.`);
    }
  }
  return [...notes, ...aggregateIndexNotes(table, before.aggregateIndexes, after.aggregateIndexes ?? [])];
}

const BACKFILL = '`npx convex-orm aggregate backfill` (which `deploy` runs)';

/**
 * The aggregate index changes of `table`: buckets Convex does not build on deploy, which the
 * aggregate backfill builds over the stored rows, rebuilds, or deletes. `old` undefined: a snapshot
 * written before aggregate indexes were recorded, which cannot tell which of `next` are new.
 */
function aggregateIndexNotes(
  table: string,
  old: readonly AggregateIndexSnapshot[] | undefined,
  next: readonly AggregateIndexSnapshot[],
): string[] {
  if (old === undefined) {
    return next.map(
      (index) =>
        `${table}: aggregate index ${index.name} (not in the snapshot, which predates aggregate indexes); ${BACKFILL} builds it if it is not ready.`,
    );
  }
  const notes: string[] = [];
  for (const index of next) {
    const previous = old.find((other) => other.name === index.name);
    if (previous === undefined) {
      notes.push(`${table}: new aggregate index ${index.name}; ${BACKFILL} builds it over the stored rows.`);
    } else if (!same(previous, index)) {
      notes.push(`${table}: aggregate index ${index.name} changed; ${BACKFILL} rebuilds it.`);
    }
  }
  for (const index of old) {
    if (!next.some((other) => other.name === index.name)) {
      notes.push(`${table}: aggregate index ${index.name} removed; ${BACKFILL} deletes its buckets.`);
    }
  }
  return notes;
}

/** A constraint as a report names it: `unique users_email (email)`, `check age_ok`. */
export function describeConstraint(constraint: ConstraintSnapshot): string {
  switch (constraint.kind) {
    case 'unique':
      return `unique ${constraint.name} (${constraint.fields.join(', ')})${constraint.nullsNotDistinct ? ' nulls not distinct' : ''}`;
    case 'foreignKey':
      return `foreign key ${constraint.name} (${constraint.fields.join(', ')}) references ${constraint.foreignTable} (${constraint.foreignFields.join(', ')})`;
    case 'check':
      return `check ${constraint.name}`;
  }
}

/**
 * True when every set of documents that meets `before` meets `after`: a unique constraint over
 * more fields, whose nulls are distinct unless they were already not distinct.
 */
function loosens(before: ConstraintSnapshot, after: ConstraintSnapshot): boolean {
  return (
    before.kind === 'unique' &&
    after.kind === 'unique' &&
    before.fields.every((field) => after.fields.includes(field)) &&
    (before.nullsNotDistinct || !after.nullsNotDistinct)
  );
}

/** The constraints of a table that stored documents may break, and notes on the ones they cannot. */
function constraintChanges(
  table: string,
  before: TableSnapshot,
  after: TableSnapshot,
): { changes: ConstraintChange[]; notes: string[] } {
  const next = after.constraints ?? [];
  if (before.constraints === undefined) {
    return { changes: next.map((constraint) => ({ table, constraint, change: 'unrecorded' })), notes: [] };
  }
  const old = new Map(before.constraints.map((constraint) => [`${constraint.kind} ${constraint.name}`, constraint]));
  const changes: ConstraintChange[] = [];
  const notes: string[] = [];
  for (const constraint of next) {
    const key = `${constraint.kind} ${constraint.name}`;
    const previous = old.get(key);
    old.delete(key);
    if (previous === undefined) changes.push({ table, constraint, change: 'added' });
    else if (same(previous, constraint)) continue;
    else if (loosens(previous, constraint))
      notes.push(`${table}: ${describeConstraint(constraint)} is looser; stored documents still meet it.`);
    else changes.push({ table, constraint, change: 'changed' });
  }
  for (const constraint of old.values()) notes.push(`${table}: ${describeConstraint(constraint)} removed.`);
  return { changes, notes };
}

/** Tables that both remove and add columns, with removals no decision covers yet. */
export function renameQuestions(
  before: SchemaSnapshot,
  after: SchemaSnapshot,
  decided: RenameDecisions,
): RenameQuestion[] {
  const questions: RenameQuestion[] = [];
  for (const [table, next] of Object.entries(after.tables)) {
    const old = has(before.tables, table) ? before.tables[table] : undefined;
    if (!old) continue;
    const renamed = decided.renames.filter((rename) => rename.table === table);
    const dropped = new Set(decided.drops.filter((drop) => drop.table === table).map((drop) => drop.column));
    const removed = Object.keys(old.columns).filter(
      (name) => !has(next.columns, name) && !dropped.has(name) && !renamed.some((rename) => rename.from === name),
    );
    const added = Object.keys(next.columns).filter(
      (name) => !has(old.columns, name) && !renamed.some((rename) => rename.to === name),
    );
    if (removed.length > 0 && added.length > 0) questions.push({ table, removed, added });
  }
  return questions;
}

/** The first unique constraint of `table` holding each column, by column. */
function uniqueKeysOf(table: TableSnapshot): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const constraint of table.constraints ?? []) {
    if (constraint.kind !== 'unique') continue;
    for (const field of constraint.fields) keys[field] ??= constraint.name;
  }
  return keys;
}

/**
 * Diffs the snapshot of the last `migrate generate` against the current schema. Every change
 * old documents may fail (optional → notNull, type change, enum narrowing, removed or renamed
 * column, new notNull column) belongs to its table's migration; every other change is listed
 * with the reason it needs none. `decisions` says which removed columns were renamed. A
 * constraint old documents may break needs no migration (nothing to rewrite until a document is
 * found to break it) but is listed, to be verified (`migrate check`).
 */
export function diffSnapshots(before: SchemaSnapshot, after: SchemaSnapshot, decisions: RenameDecisions): SchemaDiff {
  const migrations: TableMigration[] = [];
  const compatible: string[] = [];
  const constraints: ConstraintChange[] = [];
  for (const [table, next] of Object.entries(after.tables)) {
    const old = has(before.tables, table) ? before.tables[table] : undefined;
    if (!old) {
      compatible.push(`${table}: new table; it starts empty.`);
      continue;
    }
    if (old.removed) {
      compatible.push(
        `${table}: declared again; the documents it kept are compared with its columns when it left the schema.`,
      );
    }
    const changes: BreakingChange[] = [];
    const renames = new Map(decisions.renames.filter((r) => r.table === table).map((r) => [r.to, r.from]));
    for (const [column, after] of Object.entries(next.columns)) {
      const from = renames.get(column);
      const previous = has(old.columns, from ?? column) ? old.columns[from ?? column] : undefined;
      if (from !== undefined && previous) {
        changes.push({ kind: 'renamed', column, from, before: previous, after });
        changes.push(...columnChanges(column, previous, after));
      } else if (previous) {
        changes.push(...columnChanges(column, previous, after));
        compatible.push(...compatibleColumnNotes(table, column, previous, after));
      } else if (after.notNull) {
        changes.push({ kind: 'addedRequired', column, after });
      } else {
        compatible.push(`${table}.${column}: new nullable column; stored documents without it still pass.`);
      }
    }
    for (const [column, previous] of Object.entries(old.columns)) {
      if (!has(next.columns, column) && ![...renames.values()].includes(column)) {
        changes.push({ kind: 'removed', column, before: previous });
      }
    }
    compatible.push(...indexNotes(table, old, next));
    const constraintDiff = constraintChanges(table, old, next);
    constraints.push(...constraintDiff.changes);
    compatible.push(...constraintDiff.notes);
    if (changes.length > 0) migrations.push({ table, changes, uniqueKeys: uniqueKeysOf(next) });
  }
  for (const [table, old] of Object.entries(before.tables)) {
    if (!has(after.tables, table) && !old.removed) {
      compatible.push(`${table}: table removed from the schema; its documents stay, unvalidated.`);
    }
  }
  return { migrations, compatible, constraints };
}
