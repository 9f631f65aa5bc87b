import type { FieldJson, ValidatorJson } from '../migrations/validatorJson.js';
import { RELATIONS_BUILDER_KEYS } from '../relations/builder.js';
import { CliError } from './errors.js';
import type { ExportedSchema, ExportedTable } from './loadSchema.js';
import { tsKey, tsString } from './source.js';
import { fieldSource, validatorSource } from './validatorSource.js';

/** Imports from `convex-orm` a pulled schema may use; a table variable must not shadow them. */
const ORM_IMPORTS = [
  'arrayOf',
  'bigint',
  'boolean',
  'bytes',
  'convexTable',
  'custom',
  'defineRelations',
  'defineSchema',
  'id',
  'index',
  'json',
  'number',
  'objectOf',
  'searchIndex',
  'text',
  'textEnum',
  'vector',
  'vectorIndex',
] as const;

/**
 * Names no table variable may take: keywords, `eval` and `arguments` (a module is strict code,
 * where neither can be declared), the imports and the file's own declarations, and the keys
 * `defineRelations` keeps for `r.one` / `r.many` (such a table is under its variable's key).
 */
const UNUSABLE_NAMES = new Set([
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await eval arguments'.split(
    ' ',
  ),
  ...ORM_IMPORTS,
  'v',
  'tables',
  'relations',
  ...RELATIONS_BUILDER_KEYS,
]);

/**
 * The key of a table in `tables` (and so in `r` and the relations): its name, but for a name
 * `defineRelations` keeps for itself, then its variable (`oneTable`), which no table has as name.
 */
const tableKey = (tableName: string, variables: ReadonlyMap<string, string>) =>
  RELATIONS_BUILDER_KEYS.has(tableName) ? variables.get(tableName)! : tableName;

/** What a pulled file needs: the `convex-orm` names it uses and whether it uses `v`. */
interface Uses {
  names: Set<string>;
  v: boolean;
}

/** A column builder expression for a validator of present, non-null values. */
function builder(json: ValidatorJson, uses: Uses, dimensions?: number): string {
  const use = (name: (typeof ORM_IMPORTS)[number], args = '') => {
    uses.names.add(name);
    return `${name}(${args})`;
  };
  if (dimensions !== undefined && isVector(json)) return use('vector', String(dimensions));
  switch (json.type) {
    case 'string':
      return use('text');
    case 'number':
      return use('number');
    case 'bigint':
      return use('bigint');
    case 'boolean':
      return use('boolean');
    case 'bytes':
      return use('bytes');
    case 'any':
      return use('json');
    case 'id':
      return use('id', tsString(json.tableName));
    case 'array':
      return use('arrayOf', nullableBuilder(json.value, uses));
    case 'object': {
      const fields = Object.entries(json.value).map(([name, field]) => `${tsKey(name)}: ${fieldBuilder(field, uses)}`);
      return use('objectOf', `{ ${fields.join(', ')} }`);
    }
  }
  const values = stringLiterals(json);
  if (values) return use('textEnum', `[${values.map(tsString).join(', ')}]`);
  uses.v = true;
  return use('custom', validatorSource(json));
}

/** Whether a validator becomes `vector(dimensions)` under a vector index: an array of numbers. */
const isVector = (json: ValidatorJson) => json.type === 'array' && json.value.type === 'number';

/**
 * The values of a string literal or a union of string literals (a `textEnum` column). An empty
 * union (`v.union()`) has none: `textEnum` takes at least one value.
 */
function stringLiterals(json: ValidatorJson): string[] | undefined {
  const members = json.type === 'union' ? json.value : [json];
  const strings = members.flatMap((member) =>
    member.type === 'literal' && typeof member.value === 'string' ? [member.value] : [],
  );
  return members.length > 0 && strings.length === members.length ? strings : undefined;
}

/** Whether a validator becomes a column a search index can be on: `text()` or `textEnum()`. */
const isText = (json: ValidatorJson) => json.type === 'string' || stringLiterals(json) !== undefined;

/**
 * The members of a union besides `null`, nested unions flattened (none when only nulls are left),
 * and whether the value may be `null`: a `null` member, or `v.any()`, which holds `null` too.
 */
function withoutNull(json: ValidatorJson): { rest: ValidatorJson | undefined; nullable: boolean } {
  const members = unionMembers(json);
  const nullable = members.some((member) => member.type === 'null' || member.type === 'any');
  if (!members.some((member) => member.type === 'null')) return { rest: json, nullable };
  const rest = members.filter((member) => member.type !== 'null');
  if (rest.length === 0) return { rest: undefined, nullable: true };
  return { rest: rest.length === 1 ? rest[0] : { type: 'union', value: rest }, nullable: true };
}

/**
 * A union's members, nested unions flattened (`v.union(a, v.union(b, c))` is a, b, c); another
 * validator, or a union of nothing (`v.union()`, kept as written), alone.
 */
function unionMembers(json: ValidatorJson): ValidatorJson[] {
  return json.type === 'union' && json.value.length > 0 ? json.value.flatMap(unionMembers) : [json];
}

/** A builder for an array element: nullable when the element may be `null` (one of nothing but `null` too). */
function nullableBuilder(json: ValidatorJson, uses: Uses): string {
  const { rest, nullable } = withoutNull(json);
  if (rest === undefined) return builder(json, uses);
  return nullable ? builder(rest, uses) : `${builder(rest, uses)}.notNull()`;
}

/**
 * A column (or nested field) builder: `.notNull()` only when the field can hold no `null`
 * ({@link columnType}).
 */
function fieldBuilder(field: FieldJson, uses: Uses, dimensions?: number): string {
  const { type, nullable } = columnType(field);
  const column = builder(type, uses, dimensions);
  return nullable ? column : `${column}.notNull()`;
}

/**
 * The validator a field's column is built from, and whether the column is nullable. A field that
 * may be absent or `null` (optional, or a union with `null`) is a nullable column of the rest,
 * which accepts absent and `null`: a widening, so every stored document still passes (a
 * `.notNull()` column would refuse the `null` on write and type it away); one of nothing but
 * `null` is `custom(v.null())`, nullable (its validator `v.optional(v.union(v.null(), v.null()))`
 * pulls the same again).
 */
function columnType(field: FieldJson): { type: ValidatorJson; nullable: boolean } {
  const { rest, nullable } = withoutNull(field.fieldType);
  if (field.optional || nullable) return { type: rest ?? { type: 'null' }, nullable: true };
  return { type: field.fieldType, nullable: false };
}

/**
 * A variable name per table: its own name, else `<name>Table` (`<name>Table2`, ... when another
 * table has that name) so no variable is a keyword, an import, another declaration or a duplicate.
 */
function variableNames(tables: readonly ExportedTable[]): Map<string, string> {
  const taken = new Set([...UNUSABLE_NAMES, ...tables.map((table) => table.tableName)]);
  return new Map(
    tables.map(({ tableName }) => {
      if (!UNUSABLE_NAMES.has(tableName)) return [tableName, tableName];
      let name = `${tableName}Table`;
      for (let i = 2; taken.has(name); i++) name = `${tableName}Table${i}`;
      taken.add(name);
      return [tableName, name];
    }),
  );
}

/**
 * Refuses a table with staged indexes or a staged validator: convex-orm has neither, so the
 * pulled schema would drop them, and its next deploy would delete the indexes.
 */
function refuseStaged(table: ExportedTable): void {
  const staged = [
    ...(table.stagedDbIndexes ?? []),
    ...(table.stagedSearchIndexes ?? []),
    ...(table.stagedVectorIndexes ?? []),
  ].map((index) => `"${index.indexDescriptor}"`);
  if (staged.length > 0) {
    const [indexes, them, their] = staged.length === 1 ? ['index', 'it', 'its'] : ['indexes', 'them', 'their'];
    throw new CliError(
      `Table "${table.tableName}" has the staged ${indexes} ${staged.join(', ')} (staged: true); convex-orm indexes cannot be staged, so the pulled schema would delete ${them} on the next deploy. Once ${their} backfill is done, remove \`staged: true\` and deploy (or delete ${them}), then pull again.`,
    );
  }
  if (table.stagedDocumentType !== undefined) {
    throw new CliError(
      `Table "${table.tableName}" has a staged validator (.staged(...)); convex-orm tables have none, so the pulled schema would drop it. Once its validation succeeds, move the staged changes into defineTable and remove .staged(...) (or just remove it), then pull again.`,
    );
  }
}

/**
 * Refuses a search or vector index on a field whose pulled column cannot carry it: convex-orm
 * puts a search index only on `text()`/`textEnum()` and a vector index only on `vector(n)`,
 * so the pulled schema would throw INVALID_SCHEMA when loaded.
 */
function refuseIndexedField(
  table: ExportedTable,
  index: { indexDescriptor: string },
  field: string,
  kind: 'search' | 'vector',
): void {
  const fields = table.documentType.type === 'object' ? table.documentType.value : {};
  // Own fields only: an index on an undeclared `valueOf` is not Object.prototype's.
  const spec = Object.hasOwn(fields, field) ? fields[field] : undefined;
  const fits = kind === 'search' ? isText : isVector;
  if (spec !== undefined && fits(columnType(spec).type)) return;
  const [column, wanted] =
    kind === 'search'
      ? ['a text() or textEnum() column', 'v.string() or a union of string literals']
      : ['a vector(dimensions) column', 'v.array(v.float64())'];
  throw new CliError(
    `Table "${table.tableName}" has the ${kind} index "${index.indexDescriptor}" on "${field}", which is ${spec ? fieldSource(spec) : 'not declared'}; a convex-orm ${kind} index needs ${column}, so the pulled schema would not load. Declare "${field}" as ${wanted}, optional or not (v.optional(v.union(..., v.null())) if it holds null), or drop the index, then pull again.`,
  );
}

/**
 * Refuses an index, or a search or vector index's filter field, on a field the table does not
 * declare (Convex accepts it): the pulled `on(t.x)` would name no column, and the file not load.
 * Nested paths (`a.b`) are refused after, as indexes on nested fields.
 */
function refuseUndeclaredIndexFields(table: ExportedTable): void {
  const fields = table.documentType.type === 'object' ? table.documentType.value : {};
  const indexed = [
    ...table.indexes.flatMap((index) => index.fields.map((field) => ({ index, field }))),
    ...[...table.searchIndexes, ...table.vectorIndexes].flatMap((index) =>
      index.filterFields.map((field) => ({ index, field })),
    ),
  ];
  for (const { index, field } of indexed) {
    if (field.includes('.') || Object.hasOwn(fields, field)) continue;
    throw new CliError(
      `Table "${table.tableName}" has the index "${index.indexDescriptor}" on "${field}", which the table does not declare; a convex-orm index is on columns, so the pulled schema would not load. Declare "${field}" in the table's validator (v.optional(...) if documents may lack it), or drop it from the index, then pull again.`,
    );
  }
}

/**
 * Refuses vector indexes of different dimensions on one field (Convex takes them, each holding the
 * documents whose vector has its length): a convex-orm vector index takes its dimensions from its
 * `vector(n)` column, so the pulled schema would change all but one of them.
 */
function refuseMixedDimensions(table: ExportedTable): void {
  for (const index of table.vectorIndexes) {
    const other = table.vectorIndexes.find(
      ({ vectorField, dimensions }) => vectorField === index.vectorField && dimensions !== index.dimensions,
    );
    if (!other) continue;
    throw new CliError(
      `Table "${table.tableName}" has the vector indexes "${index.indexDescriptor}" (${index.dimensions} dimensions) and "${other.indexDescriptor}" (${other.dimensions}) on "${index.vectorField}"; a convex-orm vector index takes its dimensions from its vector(n) column, so the pulled schema would change one of them. Keep the vectors of each length in a field of their own (or drop one of the indexes), then pull again.`,
    );
  }
}

/**
 * The path of a field named `__proto__` in `json`, or `undefined`: Convex takes one in a nested
 * object, but JavaScript cannot hand a field of that name to Convex, so a convex-orm column refuses it.
 */
function protoFieldPath(json: ValidatorJson, path: string): string | undefined {
  switch (json.type) {
    case 'object':
      for (const [name, field] of Object.entries(json.value)) {
        const found = name === '__proto__' ? `${path}.${name}` : protoFieldPath(field.fieldType, `${path}.${name}`);
        if (found) return found;
      }
      return undefined;
    case 'array':
      return protoFieldPath(json.value, `${path}[]`);
    case 'record':
      return protoFieldPath(json.values.fieldType, `${path}[key]`);
    case 'union':
      for (const member of json.value) {
        const found = protoFieldPath(member, path);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function refuseProtoFields(table: ExportedTable, fields: Record<string, FieldJson>): void {
  for (const [name, field] of Object.entries(fields)) {
    const path = protoFieldPath(field.fieldType, name);
    if (path === undefined) continue;
    throw new CliError(
      `Table "${table.tableName}" declares the field ${path}; JavaScript cannot hand a field named "__proto__" to Convex (an object's "__proto__" is its prototype), so no ORM write could give it and the pulled column would not load. Rename it with a plain Convex migration, then pull again.`,
    );
  }
}

function tableSource(table: ExportedTable, variable: string, uses: Uses): string {
  if (table.documentType.type === 'any') {
    throw new CliError(
      `Table "${table.tableName}" is defineTable(v.any()): its documents are not validated, and a convex-orm table has a set of columns. Declare its fields (defineTable({ ... })) and pull again, or pull the other tables.`,
    );
  }
  if (table.documentType.type !== 'object') {
    throw new CliError(
      `Table "${table.tableName}" is a union of document shapes; convex-orm tables have one set of columns. Split it or pull the other tables.`,
    );
  }
  refuseStaged(table);
  refuseProtoFields(table, table.documentType.value);
  refuseMixedDimensions(table);
  const dimensions = new Map(table.vectorIndexes.map((index) => [index.vectorField, index.dimensions]));
  const columns = Object.entries(table.documentType.value).map(
    ([name, field]) => `  ${tsKey(name)}: ${fieldBuilder(field, uses, dimensions.get(name))},`,
  );
  const column = (path: string) => `t.${path}`;
  refuseUndeclaredIndexFields(table);
  const nested = [
    ...table.indexes.flatMap((index) => index.fields.map((field) => ({ index, field }))),
    ...table.searchIndexes.flatMap((index) =>
      [index.searchField, ...index.filterFields].map((field) => ({ index, field })),
    ),
    ...table.vectorIndexes.flatMap((index) =>
      [index.vectorField, ...index.filterFields].map((field) => ({ index, field })),
    ),
  ].find(({ field }) => field.includes('.'));
  if (nested) {
    throw new CliError(
      `Table "${table.tableName}" has the index "${nested.index.indexDescriptor}" on the nested field ${nested.field}; convex-orm indexes are on columns. Index a top-level field instead, then pull again.`,
    );
  }
  const extras: string[] = [];
  for (const index of table.indexes) {
    uses.names.add('index');
    extras.push(`index(${tsString(index.indexDescriptor)}).on(${index.fields.map(column).join(', ')})`);
  }
  for (const index of table.searchIndexes) {
    refuseIndexedField(table, index, index.searchField, 'search');
    uses.names.add('searchIndex');
    const filter = index.filterFields.length > 0 ? `.filter(${index.filterFields.map(column).join(', ')})` : '';
    extras.push(`searchIndex(${tsString(index.indexDescriptor)}).on(${column(index.searchField)})${filter}`);
  }
  for (const index of table.vectorIndexes) {
    refuseIndexedField(table, index, index.vectorField, 'vector');
    uses.names.add('vectorIndex');
    const filter = index.filterFields.length > 0 ? `.filter(${index.filterFields.map(column).join(', ')})` : '';
    extras.push(`vectorIndex(${tsString(index.indexDescriptor)}).on(${column(index.vectorField)})${filter}`);
  }
  const extra = extras.length === 0 ? '' : `,\n  (t) => [\n    ${extras.join(',\n    ')},\n  ]`;
  return `export const ${variable} = convexTable(\n  ${tsString(table.tableName)},\n  {\n${columns.map((line) => `  ${line}`).join('\n')}\n  }${extra},\n);`;
}

/** A reference from `table.field` to `target` (a top-level `v.id(target)` field). */
interface IdField {
  table: string;
  field: string;
  target: string;
  notNull: boolean;
}

function idFields(tables: readonly ExportedTable[]): IdField[] {
  const names = new Set(tables.map((table) => table.tableName));
  const found: IdField[] = [];
  for (const table of tables) {
    if (table.documentType.type !== 'object') continue;
    for (const [field, spec] of Object.entries(table.documentType.value)) {
      const { rest, nullable } = withoutNull(spec.fieldType);
      if (rest?.type === 'id' && names.has(rest.tableName)) {
        found.push({ table: table.tableName, field, target: rest.tableName, notNull: !spec.optional && !nullable });
      }
    }
  }
  return found;
}

/**
 * `defineRelations` guessed from `v.id` fields, as `drizzle-kit pull` guesses from foreign keys:
 * each field gives a `one` on its table (named after the field without `Id`) and a `many` on the
 * target (named after the table). When a table has several fields to the same target (or points
 * at itself), each pair gets an `alias` and the `many` is named after the field too. Returns the
 * declaration and the number of relations it declares; nothing without `v.id` fields.
 */
function relationsSource(
  tables: readonly ExportedTable[],
  variables: ReadonlyMap<string, string>,
): { code: string; count: number } | undefined {
  const fields = idFields(tables);
  const key = (table: string) => tableKey(table, variables);
  if (fields.length === 0) return undefined;
  const columnsOf = (table: string) => {
    const type = tables.find((t) => t.tableName === table)!.documentType;
    return new Set(type.type === 'object' ? Object.keys(type.value) : []);
  };
  const byTable = new Map<string, string[]>();
  const taken = new Map<string, Set<string>>();
  const add = (table: string, name: string, line: string) => {
    const used = taken.get(table) ?? columnsOf(table);
    taken.set(table, used);
    let unique = name;
    for (let i = 2; used.has(unique); i++) unique = `${name}${i}`;
    used.add(unique);
    byTable.set(table, [...(byTable.get(table) ?? []), `    ${tsKey(unique)}: ${line.replace('<NAME>', unique)},`]);
  };
  for (const ref of fields) {
    // Drizzle pairs a many with its one by their two tables: when more than one field links the two
    // (either way round, as users.teamId and teams.ownerId), each pair needs an alias of its own.
    const linking = fields.filter(
      (other) =>
        (other.table === ref.table && other.target === ref.target) ||
        (other.table === ref.target && other.target === ref.table),
    );
    const aliased = linking.length > 1 || ref.table === ref.target;
    const alias = aliased ? `, alias: ${tsString(`${ref.table}_${ref.field}`)}` : '';
    const one = ref.field.endsWith('Id') && ref.field.length > 2 ? ref.field.slice(0, -2) : `${ref.field}Ref`;
    const optional = ref.notNull ? ', optional: false' : '';
    add(
      ref.table,
      one,
      `r.one.${key(ref.target)}({ from: r.${key(ref.table)}.${ref.field}, to: r.${key(ref.target)}._id${optional}${alias} })`,
    );
    const many = aliased ? `${ref.table}By${ref.field[0]!.toUpperCase()}${ref.field.slice(1)}` : ref.table;
    add(
      ref.target,
      many,
      `r.many.${key(ref.table)}(${aliased ? `{ alias: ${tsString(`${ref.table}_${ref.field}`)} }` : ''})`,
    );
  }
  const blocks = [...byTable].map(([table, lines]) => `  ${tsKey(key(table))}: {\n${lines.join('\n')}\n  },`);
  return {
    code: `export const relations = defineRelations(tables, (r) => ({\n${blocks.join('\n')}\n}));`,
    count: 2 * fields.length,
  };
}

/** A pulled schema module, with the numbers of tables and relations it declares. */
export interface PulledSchema {
  source: string;
  tableCount: number;
  relationCount: number;
}

/**
 * A convex-orm schema module for the tables of a plain Convex schema (`defineSchema(...).export()`):
 * one `convexTable` per table with its indexes, `defineSchema` as default export, and relations
 * guessed from `v.id` fields. The tables named in `leftOut` (convex-orm's own, `ownTableNames`) are
 * left out, and not counted; `schemaValidation: false` is kept.
 */
export function pulledSchema(source: string, schema: ExportedSchema, leftOut: ReadonlySet<string>): PulledSchema {
  const pulled = schema.tables.filter((table) => !leftOut.has(table.tableName));
  const uses: Uses = { names: new Set(['convexTable', 'defineSchema']), v: false };
  const variables = variableNames(pulled);
  const tableBlocks = pulled.map((table) => tableSource(table, variables.get(table.tableName)!, uses));
  const relations = relationsSource(pulled, variables);
  if (relations) uses.names.add('defineRelations');
  const entries = pulled.map(({ tableName }) => {
    const [name, key] = [variables.get(tableName)!, tableKey(tableName, variables)];
    return name === key ? name : `${tsKey(key)}: ${name}`;
  });
  const options = schema.schemaValidation ? '' : ', { schemaValidation: false }';
  const lines = [
    `// Generated by \`convex-orm pull\` from ${source}. Optional fields became nullable columns (they`,
    '// also accept null); relations are guessed from v.id fields: check them.',
    ...(uses.v ? ["import { v } from 'convex/values';"] : []),
    `import { ${[...uses.names].sort().join(', ')} } from 'convex-orm';`,
    '',
    ...tableBlocks.flatMap((block) => [block, '']),
    `export const tables = { ${entries.join(', ')} };`,
    '',
    `export default defineSchema(tables${options});`,
    ...(relations ? ['', relations.code] : []),
    '',
  ];
  return { source: lines.join('\n'), tableCount: pulled.length, relationCount: relations?.count ?? 0 };
}
