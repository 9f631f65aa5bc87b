import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  bigint,
  boolean,
  bytes,
  custom,
  date,
  id,
  integer,
  json,
  number,
  objectOf,
  text,
  textEnum,
  timestamp,
  vector,
} from '../../src/schema/columns';
import { storedValidator } from '../../src/schema/validators';

const json_ = (validator: unknown) => (validator as { json: unknown }).json;
const stored = (builder: { definition: Parameters<typeof storedValidator>[0] }) =>
  json_(storedValidator(builder.definition));
const nullable = (inner: unknown) => json_(v.optional(v.union(v.null(), inner as never)));
/** What `define` throws (undefined when it does not). */
const refusal = (define: () => unknown): unknown => {
  try {
    define();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('column builders', () => {
  it.each([
    ['text', text(), v.string()],
    ['integer', integer(), v.float64()],
    ['number', number(), v.float64()],
    ['boolean', boolean(), v.boolean()],
    ['bigint', bigint(), v.int64()],
    ['bytes', bytes(), v.bytes()],
    ['timestamp', timestamp(), v.float64()],
    ['timestamp string mode', timestamp({ mode: 'string' }), v.float64()],
    ['date', date(), v.string()],
    ['id', id('users'), v.id('users')],
    ['json', json<{ a: number }>(), v.any()],
    ['vector', vector(3), v.array(v.float64())],
  ])('%s is nullable by default and required with notNull()', (_name, builder, base) => {
    expect(stored(builder)).toEqual(nullable(base));
    expect(stored(builder.notNull())).toEqual(json_(base));
  });

  it('textEnum stores a union of literals (a single literal for one value)', () => {
    expect(stored(textEnum(['a', 'b']).notNull())).toEqual(json_(v.union(v.literal('a'), v.literal('b'))));
    expect(stored(textEnum(['only']).notNull())).toEqual(json_(v.literal('only')));
    expect(textEnum(['a', 'b']).definition.enumValues).toEqual(['a', 'b']);
  });

  it('arrayOf stores nullable elements as a union with null and keeps the element definition', () => {
    expect(stored(arrayOf(text().notNull()).notNull())).toEqual(json_(v.array(v.string())));
    expect(stored(arrayOf(integer()).notNull())).toEqual(json_(v.array(v.union(v.null(), v.float64()))));
    expect(arrayOf(integer()).definition.element?.kind).toBe('integer');
  });

  it('objectOf nests, with nullable fields optional', () => {
    const builder = objectOf({ street: text().notNull(), zip: integer(), tags: arrayOf(text().notNull()).notNull() });
    expect(stored(builder.notNull())).toEqual(
      json_(
        v.object({
          street: v.string(),
          zip: v.optional(v.union(v.null(), v.float64())),
          tags: v.array(v.string()),
        }),
      ),
    );
    expect(Object.keys(builder.definition.fields ?? {})).toEqual(['street', 'zip', 'tags']);
  });

  it('custom uses the given validator as is', () => {
    const validator = v.object({ lat: v.number(), lng: v.number() });
    expect(stored(custom(validator).notNull())).toEqual(json_(validator));
  });

  it("refuses timestamp({ mode: 'date' }): a Date is not a Convex value", () => {
    const thrown = refusal(() => timestamp({ mode: 'date' } as never));
    expect(thrown).toMatchObject({ name: 'OrmError', code: 'INVALID_SCHEMA' });
    expect((thrown as Error).message).toMatch(/mode 'number'.*or 'string' \(ISO 8601\).*a Date is not a Convex value/);
  });

  it("refuses timestamp({ mode: 'string' }) nested in arrayOf / objectOf at any depth, naming where", () => {
    const at = timestamp({ mode: 'string' });
    expect(refusal(() => arrayOf(at as never))).toMatchObject({
      name: 'OrmError',
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(
        /^The element of arrayOf\(\) cannot be timestamp\(\{ mode: 'string' \}\).*Use timestamp\(\)/,
      ),
    });
    expect(refusal(() => objectOf({ from: timestamp(), to: at.notNull() } as never))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(/^Field "to" of objectOf\(\) cannot be timestamp/),
    });
    expect(refusal(() => arrayOf(objectOf({ at } as never)))).toMatchObject({ code: 'INVALID_SCHEMA' });
    expect(arrayOf(timestamp()).definition.element?.mode).toBe('number');
    expect(objectOf({ at: timestamp() }).definition.fields?.at?.mode).toBe('number');
  });

  it('refuses a nested column with a default, $onUpdateFn, unique() or references(), naming where and what to do', () => {
    expect(refusal(() => objectOf({ zip: integer().$defaultFn(() => 7) } as never))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(
        /^Field "zip" of objectOf\(\) cannot take \.default\(\), \$defaultFn\(\) or defaultNow\(\): .*write the value with the object/,
      ),
    });
    expect(refusal(() => arrayOf(text().$onUpdateFn(() => 'x') as never))).toMatchObject({
      message: expect.stringMatching(/^The element of arrayOf\(\) cannot take \$onUpdateFn\(\)/),
    });
    expect(refusal(() => objectOf({ code: text().unique() }))).toMatchObject({
      message: expect.stringMatching(/^Field "code" of objectOf\(\) cannot take \.unique\(\): .*a column of its own/),
    });
    const owner = id('owners').references(() => ({}) as never);
    expect(refusal(() => arrayOf(objectOf({ owner })))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(/^Field "owner" of objectOf\(\) cannot take \.references\(\)/),
    });
    // On the whole column they apply as on any other.
    expect(objectOf({ zip: integer() }).default({}).definition.default).toEqual({ kind: 'value', value: {} });
  });

  it('refuses vector() dimensions that are not a positive whole number', () => {
    for (const dimensions of [0, -1, 2.5, Number.NaN]) {
      expect(refusal(() => vector(dimensions))).toMatchObject({
        code: 'INVALID_SCHEMA',
        message: `vector(${dimensions}): dimensions must be a positive whole number (a vector index takes 2 to 4096).`,
      });
    }
  });

  it('refuses object field names Convex cannot store, in objectOf and in custom() validators at any depth', () => {
    expect(refusal(() => objectOf({ $x: text() }))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message:
        'objectOf() has field "$x": Convex\'s validators take identifiers as object field names (letters, digits and "_", not starting with a digit, not only "_", at most 64 characters); rename the field.',
    });
    expect(refusal(() => objectOf({ inner: objectOf({ ok: text() }), é: text() }))).toMatchObject({
      code: 'INVALID_SCHEMA',
    });
    expect(refusal(() => custom(v.array(v.union(v.null(), v.object({ $ref: v.string() })))))).toMatchObject({
      code: 'INVALID_SCHEMA',
      message: expect.stringMatching(
        /^The validator of custom\(\) has field "\$ref": Convex's validators take identifiers/,
      ),
    });
    expect(custom(v.object({ constructor: v.string() })).definition.kind).toBe('custom');
  });

  it('records kind-specific metadata', () => {
    expect(timestamp().definition.mode).toBe('number');
    expect(timestamp({ mode: 'string' }).definition.mode).toBe('string');
    expect(vector(1536).definition.dimensions).toBe(1536);
    expect(id('posts').definition.idTable).toBe('posts');
  });
});

describe('column modifiers', () => {
  it('are immutable: a modifier returns a new builder and leaves the original alone', () => {
    const base = text();
    const required = base.notNull();
    expect(required).not.toBe(base);
    expect(base.definition.notNull).toBe(false);
    expect(required.definition.notNull).toBe(true);
  });

  it('record defaults, default functions, onUpdate and defaultNow', () => {
    const fn = () => 'x';
    expect(text().default('a').definition.default).toEqual({ kind: 'value', value: 'a' });
    expect(text().$defaultFn(fn).definition.default).toEqual({ kind: 'fn', fn });
    expect(text().$default(fn).definition.default).toEqual({ kind: 'fn', fn });
    expect(text().$onUpdateFn(fn).definition.onUpdate).toBe(fn);
    expect(text().$onUpdate(fn).definition.onUpdate).toBe(fn);
    expect(timestamp().defaultNow().definition.default).toEqual({ kind: 'now' });
    expect(date().defaultNow().definition.default).toEqual({ kind: 'now' });
  });

  it('record unique with its null mode and an optional name', () => {
    expect(text().unique().definition.unique).toEqual({ nullsNotDistinct: false });
    expect(text().unique('email_key', { nulls: 'not distinct' }).definition.unique).toEqual({
      name: 'email_key',
      nullsNotDistinct: true,
    });
  });

  it('record references lazily with SQL default actions', () => {
    const target = () => ({ tableName: 'users', name: '_id' }) as never;
    const plain = id('users').references(target).definition.references;
    expect(plain).toMatchObject({ onDelete: 'no action', onUpdate: 'no action' });
    expect(plain?.column).toBe(target);
    const cascading = id('users').references(target, { onDelete: 'cascade', onUpdate: 'set null' });
    expect(cascading.definition.references).toMatchObject({ onDelete: 'cascade', onUpdate: 'set null' });
  });

  it('$type changes nothing at runtime', () => {
    const builder = json().$type<string[]>();
    expect(builder.definition).toEqual(json().definition);
  });
});
