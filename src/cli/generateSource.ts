import type { ColumnJson } from '../migrations/columnJson.js';
import { fromConvexJson } from './convexJson.js';
import type { MigrationBody } from './create.js';
import type { BreakingChange, TableMigration } from './schemaDiff.js';
import type { ColumnSnapshot } from './snapshot.js';
import { jsonSource, tsKey, tsString, valueSource } from './source.js';
import { tsType } from './validatorSource.js';

/** The values as JSON strings, for a comment or a TODO's text. */
const quoteList = (values: readonly string[]) => values.map(jsonSource).join(', ');

/** `before.name` or `before['odd name']`. */
const field = (name: string) => (tsKey(name) === name ? `before.${name}` : `before[${tsString(name)}]`);
/**
 * `patch.name`, or `patch['odd name']`; bracketed for a name of Object's own members too: `patch` is
 * a `Record<string, unknown>`, on which TypeScript reads `patch.valueOf` as Object's method.
 */
const patchField = (name: string) =>
  tsKey(name) === name && !(name in Object.prototype) ? `patch.${name}` : `patch[${tsString(name)}]`;

/** Text for a template literal: backslashes, backticks and `${` escaped. */
const templateText = (text: string) => text.replace(/[\\`]/g, '\\$&').replaceAll('${', '\\${');

/** How a generated TODO starts: it throws, failing the batch. */
const TODO_THROW = 'throw new Error(`TODO';

/** A part of a TODO's text: text, `{ value }` for an expression whose value is shown as Convex JSON, `{ text }` for one that is text. */
type TodoPart = string | { value: string } | { text: string };

/** A {@link TodoPart} as template literal source; a value through `preview`, which shows bigints and bytes too. */
function todoSource(part: TodoPart): string {
  if (typeof part === 'string') return templateText(part);
  return 'value' in part ? `\${preview(${part.value})}` : `\${${part.text}}`;
}

/** A TODO that fails the batch, naming the document, until the user writes the code. */
function todo(...parts: TodoPart[]): string {
  return `${TODO_THROW} (document \${doc._id}): ${parts.map(todoSource).join('')}\`);`;
}

/** The value of a constant default as source; none for a default computed on insert. */
function defaultSource(column: ColumnSnapshot): string | undefined {
  return column.default?.kind === 'value' ? valueSource(fromConvexJson(column.default.value)) : undefined;
}

/**
 * The statement that fills a notNull column on documents without a value. `empty` is the
 * condition for "no value": the old field, and for a renamed column the new one too.
 */
function fill(
  table: string,
  column: string,
  empty: string,
  after: ColumnSnapshot,
  why: string,
  key: string | undefined,
): string[] {
  // A key's column takes a value per document: one constant for all of them would break the key.
  const value = key === undefined ? defaultSource(after) : undefined;
  const set =
    value !== undefined
      ? `${patchField(column)} = ${value};`
      : key === undefined
        ? todo(`${table}.${column} ${why}: set its value in this migration.`)
        : todo(
            `${table}.${column} ${why}: set its value in this migration, one no other document holds (unique ${key}).`,
          );
  const comment =
    value !== undefined
      ? 'filled with its default'
      : key === undefined
        ? 'no constant default to fill in'
        : `a value of its own each: the column is in unique ${key}`;
  return [`// ${table}.${column} ${why}: documents without a value need one (${comment}).`, `if (${empty}) ${set}`];
}

/**
 * The statements for one change. `read` is where the old document holds the column's value:
 * `before.<column>`, or the old name's field when the column was renamed. `current` is where a
 * document already in the new shape holds it (`before.<column>`): code deployed with the expand
 * schema writes the new field (an omitted nullable column as null), so a rename moves the old
 * value only into an empty new field, and a fill fills only when both are empty.
 */
function changeLines(
  table: string,
  change: BreakingChange,
  read: string,
  current: string,
  uniqueKeys: Readonly<Record<string, string>>,
): string[] {
  const column = change.column;
  const key = Object.hasOwn(uniqueKeys, column) ? uniqueKeys[column] : undefined;
  const empty = read === current ? `${read} == null` : `${read} == null && ${current} == null`;
  // A renamed column's old value is checked only where it moves: one beside a value under the new
  // name (written by the expand schema's code) is dropped, and goes to no column.
  const moves = read === current ? '' : ` && ${current} == null`;
  switch (change.kind) {
    case 'renamed':
      return [
        `// ${table}.${change.from} was renamed to ${column}: move the value (unless the document already holds one under the new name) and drop the old field.`,
        `if (${read} != null && ${current} == null) ${patchField(column)} = ${read};`,
        `if (${read} !== undefined) ${patchField(change.from)} = undefined;`,
      ];
    case 'removed':
      return [
        `// ${table}.${column} was removed: drop the field (copy its value elsewhere first if it is still needed).`,
        `if (${read} !== undefined) ${patchField(column)} = undefined;`,
      ];
    case 'enumNarrowed':
      return [
        `// ${table}.${column} no longer allows ${quoteList(change.removedValues)}: choose an allowed value for them.`,
        `if (${moves ? '(' : ''}${change.removedValues.map((value) => `${read} === ${tsString(value)}`).join(' || ')}${moves ? `)${moves}` : ''}) {`,
        `  ${todo(`${table}.${column} is `, { value: read }, `, no longer allowed: map it to one of ${quoteList(change.after.enumValues ?? [])}.`)}`,
        '}',
      ];
    case 'typeChanged':
      return [
        `// ${table}.${column} changed type ${typeChange(change)}: convert the values the new column refuses.`,
        `if (${heldValue(change, read)}${moves}) {`,
        `  const problem = columnProblem(ctx.db, ${columnConstant(column)}, ${read});`,
        `  if (problem !== null) ${todo(`convert ${table}.${column} = `, { value: read }, ': ', { text: 'problem' }, '.')}`,
        '}',
      ];
    case 'required':
      return fill(table, column, empty, change.after, 'became notNull', key);
    case 'addedRequired':
      return fill(table, column, empty, change.after, 'is a new notNull column', key);
  }
}

/**
 * The condition for "the document holds a value to check against the new type". Null is no
 * value to a nullable column: the new one accepts it, and a `required` change fills an old
 * one's. A column notNull before and after holds null only as a value of its old type
 * (`v.any()`, a union with `v.null()`), one the new type may reject.
 */
function heldValue(change: BreakingChange & { kind: 'typeChanged' }, read: string): string {
  return change.before.notNull && change.after.notNull ? `${read} !== undefined` : `${read} != null`;
}

/** The name of the constant holding a changed column's new rule. */
const columnConstant = (column: string) => `${column.replace(/[^A-Za-z0-9_$]/g, '_')}Column`;

/** A column's rule: the snapshot's record of it without its default (a write's business, not a value's). */
function ruleOf(column: ColumnSnapshot): ColumnJson {
  const { default: _default, ...rule } = column;
  return rule;
}

/** A column's type as a comment names it: its kind where that says more than its validator (`integer`, `vector(3)`). */
function typeName(column: ColumnSnapshot): string {
  if (column.kind === 'vector' && column.dimensions !== undefined) return `vector(${column.dimensions})`;
  if (column.kind === 'integer' || column.kind === 'timestamp' || column.kind === 'date') return column.kind;
  // Every id is a string to TypeScript: named by its table, a change of table is one of type.
  if (column.validator.type === 'id') return `id(${tsString(column.validator.tableName)})`;
  return tsType(column.validator);
}

/** `from number to integer`; `within Array<number> (...)` when only nested elements or fields changed. */
function typeChange({ before, after }: BreakingChange & { kind: 'typeChanged' }): string {
  const [from, to] = [typeName(before), typeName(after)];
  return from === to ? `within ${to} (stricter elements or fields)` : `from ${from} to ${to}`;
}

/**
 * The old (or, for a new column, the new) type of every field the migration reads; a renamed
 * column's new field has its new type.
 */
function beforeType(changes: readonly BreakingChange[], source: (column: string) => string): string {
  const fields = new Map<string, ColumnSnapshot>();
  for (const change of changes) {
    fields.set(source(change.column), change.kind === 'addedRequired' ? change.after : change.before);
    if (change.kind === 'renamed') fields.set(change.column, change.after);
  }
  const lines = [...fields].map(
    ([name, column]) => `  ${tsKey(name)}?: ${tsType(column.validator)}${column.notNull ? '' : ' | null'};`,
  );
  return `/** The fields this migration reads, as stored documents may hold them. */
type Before = {
${lines.join('\n')}
};

`;
}

/** A generated migration's body, and whether it holds a TODO (code only the user can write). */
export interface GeneratedBody extends MigrationBody {
  hasTodo: boolean;
}

/**
 * The body of the migration `migrate generate` writes for one table: a `migrateOne` that handles
 * exactly the table's breaking changes. Renames, removals and defaults are complete code; a value
 * only the user can choose is a TODO that throws (failing the batch, writing nothing) until edited.
 */
export function generatedBody(migration: TableMigration): GeneratedBody {
  const typeChanges = migration.changes.filter((change) => change.kind === 'typeChanged');
  const constants = typeChanges.map(
    (change) =>
      `/** The new column ${migration.table}.${change.column} (its rule, as the ORM checks a write), to find the values to convert. */\nconst ${columnConstant(change.column)}: ColumnJson = ${jsonSource(ruleOf(change.after))};\n\n`,
  );
  const usesCtx = typeChanges.length > 0;
  const showsValues = usesCtx || migration.changes.some((change) => change.kind === 'enumNarrowed');
  const renamedFrom = new Map(
    migration.changes.flatMap((change) => (change.kind === 'renamed' ? [[change.column, change.from] as const] : [])),
  );
  // A renamed column's old value is under its old name.
  const source = (column: string) => renamedFrom.get(column) ?? column;
  const body = [
    '// Own fields on no prototype: a field the document lacks is undefined, even one named `valueOf`.',
    'const before: Before = Object.assign(Object.create(null), doc);',
    'const patch: Record<string, unknown> = {};',
    ...migration.changes.flatMap((change) =>
      changeLines(
        migration.table,
        change,
        field(source(change.column)),
        field(change.column),
        migration.uniqueKeys ?? {},
      ),
    ),
    `return Object.keys(patch).length === 0 ? undefined : (patch as MigrationPatch<Doc<${tsString(migration.table)}>>);`,
  ];
  const hasTodo = body.some((line) => line.includes(TODO_THROW));
  return {
    migrationsImports: [
      ...(usesCtx ? ['type ColumnJson', 'columnProblem'] : []),
      'type MigrationPatch',
      ...(showsValues ? ['preview'] : []),
    ],
    dataModelImports: ['Doc'],
    declarations: `${beforeType(migration.changes, source)}${constants.join('')}`,
    hasTodo,
    migrateOne: `    // Generated by \`convex-orm migrate generate\`${hasTodo ? ': complete each TODO (it fails the batch until then)' : ''}.
    migrateOne: async (${usesCtx ? 'ctx' : '_ctx'}, doc) => {
${body.map((line) => `      ${line}`).join('\n')}
    },
`,
  };
}
