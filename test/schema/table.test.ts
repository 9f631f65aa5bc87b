import { describe, expect, it } from 'vitest';
import {
  type AnyColumn,
  and,
  check,
  convexTable,
  deletion,
  eq,
  foreignKey,
  getTableColumns,
  getTableConfig,
  getTableName,
  gt,
  gte,
  id,
  index,
  integer,
  isOrmError,
  searchIndex,
  text,
  timestamp,
  unique,
  uniqueIndex,
  vector,
  vectorIndex,
} from '../../src/index';
import { schemaError } from './schemaError';

describe('convexTable', () => {
  const users = convexTable('users', { name: text().notNull(), age: integer() });

  it('exposes bound columns and the system columns on the table object', () => {
    expect(users.name).toMatchObject({ tableName: 'users', name: 'name' });
    expect(users._id).toMatchObject({ tableName: 'users', name: '_id', definition: { kind: 'id', idTable: 'users' } });
    expect(users._creationTime).toMatchObject({ tableName: 'users', name: '_creationTime' });
  });

  it('getTableColumns returns every column, system columns first, as db.select() orders them; getTableName the Convex name', () => {
    expect(Object.keys(getTableColumns(users))).toEqual(['_id', '_creationTime', 'name', 'age']);
    expect(getTableColumns(users)._id).toBe(users._id);
    expect(getTableName(users)).toBe('users');
  });

  it('getTableConfig describes indexes, search and vector indexes and checks', () => {
    const docs = convexTable(
      'docs',
      { title: text().notNull(), body: text(), ownerId: text(), embedding: vector(3), rank: integer() },
      (t) => [
        index('by_owner').on(t.ownerId, t.title),
        searchIndex('search_body').on(t.body).filter(t.ownerId),
        vectorIndex('by_embedding').on(t.embedding).filter(t.ownerId),
        check('rank_ok', gte(t.rank, 0)),
      ],
    );
    const config = getTableConfig(docs);
    expect(config.indexes).toEqual([{ name: 'by_owner', fields: ['ownerId', 'title'], source: 'index' }]);
    expect(config.searchIndexes).toEqual([{ name: 'search_body', searchField: 'body', filterFields: ['ownerId'] }]);
    expect(config.vectorIndexes).toEqual([
      { name: 'by_embedding', vectorField: 'embedding', dimensions: 3, filterFields: ['ownerId'] },
    ]);
    expect(config.checks).toEqual([
      // An integer zero compares as both stored zeros: gte takes -0, the lesser (comparisonNode).
      { name: 'rank_ok', filter: { kind: 'compare', field: 'rank', op: 'gte', value: -0 } },
    ]);
  });

  it('adds <fields>_unique only when no index starts with the unique columns', () => {
    const withOwnIndex = convexTable('a', { email: text().notNull().unique(), x: text() }, (t) => [
      index('by_email').on(t.email, t.x),
    ]);
    expect(getTableConfig(withOwnIndex).indexes.map((i) => i.name)).toEqual(['by_email']);
    expect(getTableConfig(withOwnIndex).uniques).toEqual([
      { name: 'a_email_unique', fields: ['email'], nullsNotDistinct: false, index: 'by_email' },
    ]);

    const without = convexTable('b', { x: text(), y: text() }, (t) => [unique().on(t.x, t.y).nullsNotDistinct()]);
    expect(getTableConfig(without).indexes).toEqual([{ name: 'x_y_unique', fields: ['x', 'y'], source: 'unique' }]);
    expect(getTableConfig(without).uniques[0]).toMatchObject({ nullsNotDistinct: true, index: 'x_y_unique' });
  });

  it('a uniqueIndex is both the index and the constraint', () => {
    const t1 = convexTable('c', { slug: text().notNull() }, (t) => [uniqueIndex('by_slug').on(t.slug)]);
    expect(getTableConfig(t1).indexes).toEqual([{ name: 'by_slug', fields: ['slug'], source: 'index' }]);
    expect(getTableConfig(t1).uniques).toEqual([
      { name: 'by_slug', fields: ['slug'], nullsNotDistinct: false, index: 'by_slug' },
    ]);
  });

  it('adds <fields>_fk for a reference unless an index already starts with the column', () => {
    const posts = convexTable(
      'posts',
      {
        authorId: id('users').references(() => users._id),
        editorId: id('users').references(() => users._id),
      },
      (t) => [index('by_editor').on(t.editorId)],
    );
    expect(getTableConfig(posts).indexes.map((i) => i.name)).toEqual(['by_editor', 'authorId_fk']);
    expect(getTableConfig(posts).foreignKeys.map((fk) => fk.fields)).toEqual([['authorId'], ['editorId']]);
  });

  it('records composite foreign keys with actions', () => {
    const parent = convexTable('parent', { a: text(), b: text() });
    const child = convexTable('child', { pa: text(), pb: text() }, (t) => [
      foreignKey({ columns: [t.pa, t.pb], foreignColumns: [parent.a, parent.b] }).onDelete('cascade'),
    ]);
    const [fk] = getTableConfig(child).foreignKeys;
    expect(fk).toMatchObject({
      name: 'child_pa_pb_fk',
      fields: ['pa', 'pb'],
      onDelete: 'cascade',
      onUpdate: 'no action',
    });
    expect(fk?.foreignColumns().map((c) => c.name)).toEqual(['a', 'b']);
    expect(getTableConfig(child).indexes).toEqual([{ name: 'pa_pb_fk', fields: ['pa', 'pb'], source: 'foreignKey' }]);
  });
});

describe('definition-time validation', () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, text()]));

  it.each([
    ['a table name starting with _', () => convexTable('_users', {}), /Invalid table name "_users"/],
    ['a table name with a dash', () => convexTable('my-users', {}), /Invalid table name "my-users"/],
    ['a table name over 64 characters', () => convexTable('t'.repeat(65), {}), /Invalid table name/],
    ['a reserved table name', () => convexTable('migration_state', {}), /reserved for convex-orm's own state/],
    [
      'a column starting with _',
      () => convexTable('t', { _secret: text() }),
      /Invalid column name "_secret".*table "t"/,
    ],
    ['a column with a space', () => convexTable('t', { 'first name': text() }), /Invalid column name "first name"/],
    [
      // Typed for timestamp() and date() only: from plain JavaScript it wrote the time into any column.
      'defaultNow() on a text column',
      () => convexTable('t', { at: (text() as any).defaultNow() }),
      /Column "t\.at" has \.defaultNow\(\), which is for timestamp\(\) and date\(\) columns, not text\(\)/,
    ],
    [
      'defaultNow() on an integer column',
      () => convexTable('t', { at: (integer() as any).defaultNow() }),
      /not integer\(\)/,
    ],
  ])('rejects %s', (_case, fn, message) => {
    const error = schemaError(fn);
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an invalid index name', (t: Record<string, AnyColumn>) => [index('1st').on(t.c0!)], /Invalid index name "1st"/],
    [
      'a reserved index name',
      (t: Record<string, AnyColumn>) => [index('by_id').on(t.c0!)],
      /"by_id".*reserved by Convex/,
    ],
    [
      'duplicate index names',
      (t: Record<string, AnyColumn>) => [index('by_x').on(t.c0!), index('by_x').on(t.c1!)],
      /defines index "by_x" twice/,
    ],
    [
      'an index on a column of another table',
      () => [index('by_other').on(convexTable('other', { z: text() }).z)],
      /uses column "other.z", which is not a column of table "t"/,
    ],
    [
      'an index on a system field',
      (t: Record<string, AnyColumn>) => [index('by_time').on(t._creationTime!)],
      /system field "_creationTime"/,
    ],
    [
      'the same column twice',
      (t: Record<string, AnyColumn>) => [index('by_twice').on(t.c0!, t.c0!)],
      /lists column "c0" twice/,
    ],
    [
      'more than 16 fields per index (counting _creationTime)',
      (t: Record<string, AnyColumn>) => [index('wide').on(...(Object.values(t).slice(0, 16) as [AnyColumn]))],
      /has 16 fields; Convex allows 16 per index including the implicit _creationTime/,
    ],
    [
      'more than 32 indexes',
      (t: Record<string, AnyColumn>) => Array.from({ length: 33 }, (_, i) => index(`i${i}`).on(t[`c${i}`]!)),
      /has 33 indexes.*Convex allows 32/,
    ],
    [
      'a search index on a non-text column',
      (t: Record<string, AnyColumn>) => [searchIndex('s').on(t.n!)],
      /must be on a text column/,
    ],
    ['a search index without a column', () => [searchIndex('s')], /needs a column/],
    [
      'a vector index on a non-vector column',
      (t: Record<string, AnyColumn>) => [vectorIndex('v').on(t.c0!)],
      /must be on a vector\(dimensions\) column/,
    ],
    [
      'vector dimensions that do not match the column',
      (t: Record<string, AnyColumn>) => [vectorIndex('v').on(t.emb!).dimensions(4)],
      /declares 4 dimensions but column "emb" is vector\(3\)/,
    ],
    ['a check without a condition', () => [check('c', undefined)], /has no condition/],
    [
      'a check on another table',
      () => [check('c', gte(convexTable('o', { n: integer() }).n, 1))],
      /uses columns of table "o"/,
    ],
    [
      'a check whose and() also reads another table',
      (t: Record<string, AnyColumn>) => [check('c', and(gte(t.n!, 0), eq(convexTable('o', { x: integer() }).x, 1)))],
      /Check constraint "c" uses columns of table "o"; a check may only read its own row/,
    ],
    [
      "a check comparing with another table's column",
      (t: Record<string, AnyColumn>) => [check('c', gt(t.n!, convexTable('o', { x: integer() }).x))],
      /Check constraint "c" uses columns of table "o"/,
    ],
    [
      'a unique constraint on 16 columns (its added index would have 17 fields with _creationTime)',
      (t: Record<string, AnyColumn>) => [unique().on(...(Object.values(t).slice(0, 16) as [AnyColumn]))],
      /Index "c0_.*_c15_unique" \(added for unique constraint "t_c0_.*_unique"\) has 16 fields; Convex allows 16/,
    ],
    [
      'a foreign key on 16 columns (its added index would have 17 fields)',
      (t: Record<string, AnyColumn>) => [
        foreignKey({
          columns: Object.values(t).slice(0, 16) as [AnyColumn],
          foreignColumns: Object.values(t).slice(16, 32) as [AnyColumn],
        }),
      ],
      /Index "c0_.*_c15_fk" \(added for foreign key "t_c0_.*_fk"\) has 16 fields/,
    ],
    [
      'a search index with 17 filter fields',
      (t: Record<string, AnyColumn>) => [
        searchIndex('s')
          .on(t.c0!)
          .filter(...(Object.values(t).slice(1, 18) as [AnyColumn])),
      ],
      /Search index "s" has 17 filter fields; Convex allows 16/,
    ],
    [
      'a vector index with 17 filter fields',
      (t: Record<string, AnyColumn>) => [
        vectorIndex('v')
          .on(t.emb!)
          .filter(...(Object.values(t).slice(0, 17) as [AnyColumn])),
      ],
      /Vector index "v" has 17 filter fields; Convex allows 16/,
    ],
    [
      'two checks of one name',
      (t: Record<string, AnyColumn>) => [check('n_range', gte(t.n!, 0)), check('n_range', gt(t.n!, 100))],
      /Table "t" names two constraints "n_range" \(check #1 and check #2\); rename one/,
    ],
    [
      'a check named as a unique constraint',
      (t: Record<string, AnyColumn>) => [unique('n_key').on(t.n!), check('n_key', gte(t.n!, 0))],
      /names two constraints "n_key" \(unique \(n\) and check #1\)/,
    ],
    [
      'two unique constraints of one name on different columns',
      (t: Record<string, AnyColumn>) => [unique('key').on(t.n!), unique('key').on(t.c0!)],
      /names two constraints "key" \(unique \(n\) and unique \(c0\)\)/,
    ],
    [
      'a foreign key with mismatched column counts',
      (t: Record<string, AnyColumn>) => [
        // @ts-expect-error one foreign column for two columns: refused at run time too, for untyped callers
        foreignKey({ columns: [t.c0!, t.c1!], foreignColumns: [t.c2!] }),
      ],
      /has 1 foreign columns/,
    ],
  ])('rejects %s', (_case, extra, message) => {
    const error = schemaError(() => convexTable('t', { ...many(33), n: integer(), emb: vector(3) }, extra as never));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 't' });
    expect(error.message).toMatch(message);
  });

  it('counts indexes added for unique constraints and references toward the 32', () => {
    const cols = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`c${i}`, text().unique()]));
    expect(schemaError(() => convexTable('t', cols)).message).toMatch(/has 33 indexes \(including ones added/);
  });

  it.each([1, 4097])('refuses a vector index on vector(%i): Convex indexes 2 to 4096 dimensions', (dimensions) => {
    const error = schemaError(() => convexTable('e', { emb: vector(dimensions) }, (t) => [vectorIndex('v').on(t.emb)]));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'e' });
    expect(error.message).toBe(
      `Vector index "v" is on "emb", a vector(${dimensions}); Convex indexes vectors of 2 to 4096 dimensions, a whole number.`,
    );
  });

  it('allows 16 filter fields, 2 and 4096 dimensions, and a unique constraint on 15 columns', () => {
    expect(() =>
      convexTable('t', { ...many(16), emb: vector(2), big: vector(4096) }, (t) => [
        searchIndex('s')
          .on((t as unknown as Record<string, AnyColumn>).c0!)
          .filter(...(Object.values(t).slice(0, 16) as [AnyColumn])),
        vectorIndex('v')
          .on(t.emb)
          .filter(...(Object.values(t).slice(0, 16) as [AnyColumn])),
        vectorIndex('w').on(t.big),
        unique().on(...(Object.values(t).slice(0, 15) as [AnyColumn])),
      ]),
    ).not.toThrow();
  });

  it('allows 15 user fields in one index', () => {
    expect(() =>
      convexTable('t', many(15), (t) => [index('wide').on(...(Object.values(t).slice(0, 15) as [AnyColumn]))]),
    ).not.toThrow();
  });
});

describe('deletion()', () => {
  it('resolves the column and mode into the table config', () => {
    const soft = convexTable('a', { deletedAt: timestamp() }, (t) => [deletion('soft', { column: t.deletedAt })]);
    const scheduled = convexTable('b', { gone: integer() }, (t) => [
      deletion('scheduled', { column: t.gone, delayMs: 5000 }),
    ]);
    expect(getTableConfig(soft).deletion).toEqual({ mode: 'soft', column: 'deletedAt', delayMs: 0 });
    expect(getTableConfig(scheduled).deletion).toEqual({ mode: 'scheduled', column: 'gone', delayMs: 5000 });
    expect(getTableConfig(convexTable('c', { x: text() })).deletion).toBeUndefined();
  });

  it('rejects a column that cannot hold a nullable deletion time, another table, a bad delay, or two deletions', () => {
    const other = convexTable('other', { at: timestamp() });
    // The types refuse a notNull or text column (test/schema/deletionColumnType.test-d.ts); a JavaScript caller gets this.
    expect(
      schemaError(() =>
        convexTable('t', { at: timestamp().notNull() }, (t) => [deletion('soft', { column: t.at as never })]),
      ),
    ).toMatchObject({ code: 'INVALID_SCHEMA', table: 't', message: expect.stringContaining('nullable timestamp()') });
    expect(
      schemaError(() => convexTable('t', { at: text() }, (t) => [deletion('soft', { column: t.at as never })])).message,
    ).toContain('"t.at" must be a nullable timestamp(), number() or integer() column');
    expect(
      schemaError(() => convexTable('t', { at: timestamp() }, () => [deletion('soft', { column: other.at })])).message,
    ).toContain('not a column of table "t"');
    expect(
      schemaError(() =>
        convexTable('t', { at: timestamp() }, (t) => [deletion('scheduled', { column: t.at, delayMs: -1 })]),
      ).message,
    ).toContain('delayMs');
    expect(
      schemaError(() =>
        convexTable('t', { at: timestamp() }, (t) => [
          deletion('soft', { column: t.at }),
          deletion('soft', { column: t.at }),
        ]),
      ).message,
    ).toContain('deletion() twice');
  });

  // A live row holds null: a default or an update function that sets the column would insert rows
  // deleted already (`.defaultNow()`) or soft-delete every row an update touches (`$onUpdate`).
  it.each([
    ['.defaultNow()', () => timestamp().defaultNow(), 'a default'],
    ['.default(0)', () => integer().default(0), 'a default'],
    ['$defaultFn', () => integer().$defaultFn(() => Date.now()), 'a default'],
    ['$onUpdate', () => timestamp().$onUpdate(() => Date.now()), 'an update function'],
  ])('rejects a deletion column with %s', (_, column, what) => {
    const error = schemaError(() =>
      convexTable('t', { gone: column() }, (t) => [deletion('soft', { column: t.gone as never })]),
    );
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 't' });
    expect(error.message).toContain(`deletion() column "t.gone" has ${what}`);
  });

  it('accepts the same unique constraint declared on the column and on the table (one default name), as one', () => {
    const table = convexTable('t', { n: integer().unique() }, (t) => [unique().on(t.n)]);
    expect(getTableConfig(table).uniques.map((u) => u.name)).toEqual(['t_n_unique']);
  });

  it('accepts a deletion column whose default is null', () => {
    const table = convexTable('t', { gone: timestamp().default(null as never) }, (t) => [
      deletion('soft', { column: t.gone as never }),
    ]);
    expect(getTableConfig(table).deletion).toEqual({ mode: 'soft', column: 'gone', delayMs: 0 });
  });
});

describe('foreign-key actions checked at definition', () => {
  const owners = convexTable('owners', { name: text().notNull(), slug: text().notNull().unique() });

  it.each([
    [
      "onDelete 'set null' on a notNull column",
      () =>
        convexTable('files', {
          editor: id('owners')
            .notNull()
            .references(() => owners._id, { onDelete: 'set null' }),
        }),
      'editor',
      /Foreign key "files_editor_fk" of "files" has onDelete: 'set null', but column "files\.editor" is notNull; make it nullable/,
    ],
    [
      "onUpdate 'set null' on a notNull column (table-level foreignKey)",
      () =>
        convexTable('badges', { owner: text().notNull() }, (t) => [
          foreignKey({ name: 'badge_owner', columns: [t.owner], foreignColumns: [owners.slug] }).onUpdate('set null'),
        ]),
      'owner',
      /Foreign key "badge_owner" of "badges" has onUpdate: 'set null', but column "badges\.owner" is notNull/,
    ],
    [
      "onDelete 'set default' on a column without a default",
      () => convexTable('files', { reviewer: id('owners').references(() => owners._id, { onDelete: 'set default' }) }),
      'reviewer',
      /onDelete: 'set default', but column "files\.reviewer" has no default; give it \.default\(\.\.\.\)/,
    ],
    [
      "onUpdate 'set default' on a notNull column without a default",
      () =>
        convexTable('badges', { owner: text().notNull() }, (t) => [
          foreignKey({ columns: [t.owner], foreignColumns: [owners.slug] }).onUpdate('set default'),
        ]),
      'owner',
      /onUpdate: 'set default', but column "badges\.owner" has no default/,
    ],
  ])('rejects %s, naming the table, column and what to do', (_case, define, column, message) => {
    let thrown: unknown;
    try {
      define();
    } catch (error) {
      thrown = error;
    }
    expect(isOrmError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'INVALID_SCHEMA', details: { column } });
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toContain('choose another');
  });

  it("accepts 'set null' on a nullable column and 'set default' on a column with a default", () => {
    expect(() =>
      convexTable('tickets', { owner: text().notNull().default('lobby'), editor: id('owners') }, (t) => [
        foreignKey({ columns: [t.owner], foreignColumns: [owners.slug] })
          .onDelete('set default')
          .onUpdate('set default'),
        foreignKey({ columns: [t.editor], foreignColumns: [owners._id] }).onDelete('set null'),
      ]),
    ).not.toThrow();
  });
});
